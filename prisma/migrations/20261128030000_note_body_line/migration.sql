-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Note" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" INTEGER NOT NULL,
    "fname" TEXT NOT NULL,
    "fnameKey" TEXT NOT NULL,
    "parentFname" TEXT,
    "parentId" TEXT,
    "title" TEXT NOT NULL,
    "desc" TEXT NOT NULL DEFAULT '',
    "createdMs" REAL,
    "updatedMs" REAL,
    "stub" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "custom" TEXT NOT NULL DEFAULT '{}',
    "body" TEXT NOT NULL DEFAULT '',
    "path" TEXT,
    "size" INTEGER,
    "mtimeMs" REAL,
    "hash" TEXT,
    "bodyLine" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Note_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Note" ("body", "createdMs", "custom", "desc", "fname", "fnameKey", "hash", "id", "mtimeMs", "parentFname", "parentId", "path", "size", "stub", "tags", "title", "updatedMs", "vaultId") SELECT "body", "createdMs", "custom", "desc", "fname", "fnameKey", "hash", "id", "mtimeMs", "parentFname", "parentId", "path", "size", "stub", "tags", "title", "updatedMs", "vaultId" FROM "Note";
DROP TABLE "Note";
ALTER TABLE "new_Note" RENAME TO "Note";
CREATE INDEX "Note_fnameKey_idx" ON "Note"("fnameKey");
CREATE INDEX "Note_parentId_idx" ON "Note"("parentId");
CREATE INDEX "Note_vaultId_path_idx" ON "Note"("vaultId", "path");
CREATE UNIQUE INDEX "Note_vaultId_fname_key" ON "Note"("vaultId", "fname");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Hand-written: make the next sync re-parse every note, so that bodyLine, the concept sources and the search index
-- (which earlier syncs did not write) are filled in for notes whose files did not change.
UPDATE "Note" SET "hash" = NULL, "size" = NULL WHERE "stub" = false;

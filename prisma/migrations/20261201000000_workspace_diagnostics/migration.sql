-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Diagnostic" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "vaultId" INTEGER,
    "workspace" TEXT,
    "noteId" TEXT,
    "path" TEXT NOT NULL,
    "line" INTEGER,
    "code" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    CONSTRAINT "Diagnostic_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Diagnostic_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Diagnostic" ("code", "id", "line", "message", "noteId", "path", "severity", "vaultId") SELECT "code", "id", "line", "message", "noteId", "path", "severity", "vaultId" FROM "Diagnostic";
DROP TABLE "Diagnostic";
ALTER TABLE "new_Diagnostic" RENAME TO "Diagnostic";
CREATE INDEX "Diagnostic_vaultId_path_idx" ON "Diagnostic"("vaultId", "path");
CREATE INDEX "Diagnostic_workspace_path_idx" ON "Diagnostic"("workspace", "path");
CREATE INDEX "Diagnostic_noteId_idx" ON "Diagnostic"("noteId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Concept" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "evidence" REAL NOT NULL DEFAULT 0,
    "salience" REAL NOT NULL DEFAULT 0,
    "mentionCount" INTEGER NOT NULL DEFAULT 0,
    "noteCount" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Concept" ("aliases", "id", "key", "kind", "name", "url") SELECT "aliases", "id", "key", "kind", "name", "url" FROM "Concept";
DROP TABLE "Concept";
ALTER TABLE "new_Concept" RENAME TO "Concept";
CREATE UNIQUE INDEX "Concept_key_key" ON "Concept"("key");
CREATE INDEX "Concept_salience_idx" ON "Concept"("salience");
CREATE INDEX "Concept_mentionCount_idx" ON "Concept"("mentionCount");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "IgnoredConcept" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL
);


-- Hand-written: concept extraction changed with this migration (issue 12), so every note's concept sources are stale.
-- Forget what the sync knew of each file: the next sync parses every note again and rebuilds the concepts.
UPDATE "Note" SET "hash" = NULL, "mtimeMs" = NULL WHERE "stub" = 0;

-- CreateTable
CREATE TABLE "Concept" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "aliases" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "ConceptSource" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "noteId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "line" INTEGER NOT NULL,
    CONSTRAINT "ConceptSource_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConceptMention" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conceptId" INTEGER NOT NULL,
    "noteId" TEXT NOT NULL,
    "sectionOrdinal" INTEGER,
    "line" INTEGER NOT NULL,
    CONSTRAINT "ConceptMention_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConceptMention_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConceptDefinition" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "updatedMs" REAL NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Concept_key_key" ON "Concept"("key");

-- CreateIndex
CREATE INDEX "ConceptSource_noteId_idx" ON "ConceptSource"("noteId");

-- CreateIndex
CREATE INDEX "ConceptSource_key_idx" ON "ConceptSource"("key");

-- CreateIndex
CREATE INDEX "ConceptMention_conceptId_idx" ON "ConceptMention"("conceptId");

-- CreateIndex
CREATE INDEX "ConceptMention_noteId_idx" ON "ConceptMention"("noteId");


-- Full-text search (hand-written: Prisma does not model virtual tables). One row per section of every note,
-- plus one (sectionOrdinal NULL) for the text before the first heading; kept in step by the sync.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    "noteId" UNINDEXED,
    "sectionOrdinal" UNINDEXED,
    "title",
    "heading",
    "text",
    tokenize = 'porter unicode61'
);

-- CreateTable
CREATE TABLE "ConceptIgnore" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "updatedMs" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "SearchRange" (
    "noteId" TEXT NOT NULL PRIMARY KEY,
    "first" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,
    CONSTRAINT "SearchRange_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);


-- Hand-written: the ranges of the rows already indexed (each note's rows were always inserted together).
INSERT INTO "SearchRange" ("noteId", "first", "last")
SELECT s."noteId", min(s.rowid), max(s.rowid) FROM "SearchIndex" s JOIN "Note" n ON n."id" = s."noteId" GROUP BY s."noteId";

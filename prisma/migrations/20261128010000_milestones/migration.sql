-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "noteId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "target" TEXT,
    "chapter" INTEGER,
    "label" TEXT,
    "date" TEXT NOT NULL,
    "weekday" TEXT,
    "done" BOOLEAN NOT NULL,
    "doneAtMs" REAL,
    "doneDate" TEXT,
    "rescheduledFrom" TEXT,
    "line" INTEGER NOT NULL,
    "checkboxColumn" INTEGER NOT NULL,
    "diagnostics" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "Milestone_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Milestone_noteId_idx" ON "Milestone"("noteId");

-- CreateIndex
CREATE INDEX "Milestone_date_idx" ON "Milestone"("date");


-- CreateTable
CREATE TABLE "Vault" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "root" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Note" (
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
    CONSTRAINT "Note_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Section" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "noteId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "heading" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "chapter" INTEGER,
    "startLine" INTEGER NOT NULL,
    "endLine" INTEGER NOT NULL,
    "parentOrdinal" INTEGER,
    CONSTRAINT "Section_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Link" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" TEXT NOT NULL,
    "sourceVaultId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "targetFname" TEXT,
    "targetKey" TEXT,
    "targetVault" TEXT,
    "targetId" TEXT,
    "anchor" TEXT,
    "alias" TEXT,
    "url" TEXT,
    "line" INTEGER NOT NULL,
    "column" INTEGER NOT NULL,
    "sectionOrdinal" INTEGER,
    CONSTRAINT "Link_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Link_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Note" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Diagnostic" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "vaultId" INTEGER NOT NULL,
    "noteId" TEXT,
    "path" TEXT NOT NULL,
    "line" INTEGER,
    "code" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    CONSTRAINT "Diagnostic_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Diagnostic_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SkippedFile" (
    "vaultId" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mtimeMs" REAL NOT NULL,

    PRIMARY KEY ("vaultId", "path"),
    CONSTRAINT "SkippedFile_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "startedMs" REAL NOT NULL,
    "durationMs" REAL NOT NULL,
    "status" TEXT NOT NULL,
    "workspace" TEXT NOT NULL,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "renamed" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "notes" INTEGER NOT NULL DEFAULT 0,
    "diagnostics" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Vault_name_key" ON "Vault"("name");

-- CreateIndex
CREATE INDEX "Note_fnameKey_idx" ON "Note"("fnameKey");

-- CreateIndex
CREATE INDEX "Note_parentId_idx" ON "Note"("parentId");

-- CreateIndex
CREATE INDEX "Note_vaultId_path_idx" ON "Note"("vaultId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "Note_vaultId_fname_key" ON "Note"("vaultId", "fname");

-- CreateIndex
CREATE INDEX "Section_noteId_chapter_idx" ON "Section"("noteId", "chapter");

-- CreateIndex
CREATE UNIQUE INDEX "Section_noteId_ordinal_key" ON "Section"("noteId", "ordinal");

-- CreateIndex
CREATE INDEX "Link_sourceId_idx" ON "Link"("sourceId");

-- CreateIndex
CREATE INDEX "Link_targetId_idx" ON "Link"("targetId");

-- CreateIndex
CREATE INDEX "Link_targetKey_idx" ON "Link"("targetKey");

-- CreateIndex
CREATE INDEX "Link_kind_idx" ON "Link"("kind");

-- CreateIndex
CREATE INDEX "Diagnostic_vaultId_path_idx" ON "Diagnostic"("vaultId", "path");

-- CreateIndex
CREATE INDEX "Diagnostic_noteId_idx" ON "Diagnostic"("noteId");


-- DropIndex
DROP INDEX "Note_vaultId_path_idx";

-- CreateIndex
CREATE INDEX "Note_syncState_idx" ON "Note"("vaultId", "path", "size", "mtimeMs", "hash", "stub", "updatedMs", "fname", "id");


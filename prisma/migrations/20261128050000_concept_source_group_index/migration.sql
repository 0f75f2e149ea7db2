-- DropIndex
DROP INDEX "ConceptSource_key_idx";

-- CreateIndex
CREATE INDEX "ConceptSource_group_idx" ON "ConceptSource"("key", "kind", "name", "url");


-- Hand-written, no schema change: concept extraction changed (issue 12: repeated line labels and speaker lines give
-- no phrase and no mention, headings give `heading` sources and user tags `user` sources, fragments of compounds and
-- titles are dropped), so every note's concept sources and mentions are stale. The next sync parses every note again
-- and rebuilds the concepts.
UPDATE "Note" SET "hash" = NULL, "mtimeMs" = NULL WHERE "stub" = 0;

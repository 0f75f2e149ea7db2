-- Hand-written, no schema change: concept extraction changed again (issue 12: a lone lower-case word of a path and
-- a handle give no phrase, a name before an everyday noun gives the name alone), so every note's concept sources are
-- stale. The next sync parses every note again and rebuilds the concepts.
UPDATE "Note" SET "hash" = NULL, "mtimeMs" = NULL WHERE "stub" = 0;

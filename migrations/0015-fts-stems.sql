-- Search finds the English forms of a word: the tokenizer now indexes,
-- beside each word as written, its Snowball stem ("challenges" gives
-- "challenges" and "~challeng"), so "systemic challenge" finds
-- "systemic challenges", and a quoted phrase still finds only the words
-- as written.  The indexes made before hold no stems: rebuilt from the
-- statements and claims, after the settings below.
--
-- Each full-text index gathers up to 1 MiB of new entries in memory
-- before it writes a segment, instead of 8 MiB (migration 0008), so that
-- an import's memory does not grow with the file; and merges its
-- segments 16 at a time, instead of FTS5's 4, so that eight times as
-- many segments cost no more merging.  bench/PROFILE.md has the figures.
INSERT INTO statements_fts (statements_fts, rank) VALUES ('hashsize', 1048576);
INSERT INTO claims_fts (claims_fts, rank) VALUES ('hashsize', 1048576);
INSERT INTO statements_fts (statements_fts, rank) VALUES ('automerge', 16);
INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', 16);
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');

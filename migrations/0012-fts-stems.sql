-- Search finds the English forms of a word: the tokenizer now indexes,
-- beside each word as written, its Snowball stem ("challenges" gives
-- "challenges" and "~challeng"), so "systemic challenge" finds
-- "systemic challenges", and a quoted phrase still finds only the words
-- as written.  The indexes made before hold no stems: rebuilt from the
-- statements and claims.
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');

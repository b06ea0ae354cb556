-- The cue of a claim the rule coder proposed: the words of its quote that
-- fired ("strongly condemns", "groundless accusations"), so that a
-- reviewer sees at once why it was proposed.  Curated claims and the
-- rule claims of archives coded before it have none.
ALTER TABLE claims ADD COLUMN cue TEXT;

-- A reviewer's decisions on the claims the rule coder proposed.
--
-- review: 'reviewed' on a claim a reviewer accepted or edited (stored
-- with method 'curated', listed with method 'reviewed'); 'rejected' on a
-- rule claim a reviewer turned down; 'superseded' on a rule claim that a
-- reviewed or curated claim stands for.  Rejected and superseded claims
-- stay, out of the listings and of 'who', so that 'eval' can count them.
-- reviewer and reviewed_at say who decided and when.
-- rule_key names a rule claim across recodes and re-imports (a digest of
-- its kind, claimant, targets, cue and sentence, not its row id): a rule
-- claim's own, or, on a reviewed claim, that of the rule claim it stands
-- for.
ALTER TABLE claims ADD COLUMN review TEXT CHECK (review IS NULL
	OR review IN ('reviewed', 'rejected', 'superseded'));
ALTER TABLE claims ADD COLUMN reviewer TEXT;
ALTER TABLE claims ADD COLUMN reviewed_at TEXT;
ALTER TABLE claims ADD COLUMN rule_key TEXT;

-- Only the claims in force make edges: the triggers of the who summary
-- find a claim's edges here, so a rejected or superseded claim adds and
-- takes away none.
DROP VIEW who_edges;
CREATE VIEW who_edges AS
SELECT l.lvl AS lvl,
	CASE WHEN l.lvl = 1 AND instr(b.code, '.') > 0
	THEN substr(b.code, 1, instr(b.code, '.') - 1) ELSE b.code END
	AS accuser,
	CASE WHEN l.lvl = 1 AND instr(t.code, '.') > 0
	THEN substr(t.code, 1, instr(t.code, '.') - 1) ELSE t.code END
	AS accused,
	ct.claim_id AS cid, ct.actor_id AS target_id, c.statement_id AS sid,
	s.date_lo || s.date AS lo, s.date_hi || s.date AS hi, c.kind AS kind
FROM claims c
CROSS JOIN claim_targets ct ON ct.claim_id = c.id
JOIN statements s ON s.sid = c.statement_id
JOIN actors b ON b.id = c.by_id
JOIN actors t ON t.id = ct.actor_id
JOIN (SELECT 0 AS lvl UNION ALL SELECT 1) l
WHERE +c.kind IN ('accuse', 'criticize', 'condemn')
AND (c.review IS NULL OR c.review = 'reviewed');

-- A decision on a claim with targets moves them out and back in, so
-- that the summary sees the edges leave or come.
CREATE TRIGGER who_claim_review BEFORE UPDATE OF review ON claims
WHEN EXISTS (SELECT 1 FROM claim_targets WHERE claim_id = old.id) BEGIN
	SELECT RAISE(ABORT, 'a claim with targets keeps its review');
END;

-- Claims a reviewer decided on, by statement.
CREATE INDEX claims_review ON claims (review, statement_id)
	WHERE review IS NOT NULL;

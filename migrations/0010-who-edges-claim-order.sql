-- who_edges walks the claims in the order stored, each claim's targets
-- after it.  The planner, left to choose, walked the narrower index of
-- targets by actor, so that every edge fetched its claim and statement
-- from anywhere in the file: reading every edge ('demarche check', 'check
-- --rebuild') took 28 s a time on an archive of a million statements, 5 s
-- now.  Claims are stored with their statements, so in this order the
-- statements' pages come in turn.  The levels stay free to go first: the
-- triggers need them to find a pair's rows by key.  Edges of one claim
-- (the triggers) or of some statements (an import, from
-- statements_import) are found as before.
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
WHERE +c.kind IN ('accuse', 'criticize', 'condemn');

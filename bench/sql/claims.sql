-- The claims listing written by hand: one row per claim and target, with
-- the columns of 'demarche export claims', in its order.  The generated
-- claims are curated, so all are in force and none has a cue.
SELECT c.id AS claim_id, s.id AS statement_id, s.date AS date,
	b.code AS by_code, b.name AS by_name, c.kind AS kind, c.cameo AS cameo,
	t.code AS target_code, t.name AS target_name,
	(SELECT group_concat(topic, ';') FROM (SELECT topic FROM claim_topics
	    WHERE claim_id = c.id ORDER BY seq)) AS topics,
	c.summary AS summary, c.quote AS quote, c.method AS method,
	c.cue AS cue
FROM claims c
JOIN statements s ON s.sid = c.statement_id
JOIN actors b ON b.id = c.by_id
LEFT JOIN claim_targets ct ON ct.claim_id = c.id
LEFT JOIN actors t ON t.id = ct.actor_id
ORDER BY s.date_lo, s.date_hi, s.id, c.seq, ct.seq;

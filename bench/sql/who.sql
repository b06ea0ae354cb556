-- The accusation cross-reference written by hand: one row per (accuser,
-- accused) pair with the columns of 'demarche who'.  A date's first (or
-- last) day goes in front of it so that min() and max() keep the date as
-- written, at its precision.
SELECT b.code AS accuser_code, b.name AS accuser_name,
	t.code AS accused_code, t.name AS accused_name,
	count(DISTINCT c.id) AS claims,
	count(DISTINCT c.statement_id) AS statements,
	substr(min(s.date_lo || s.date), 11) AS first_date,
	substr(max(s.date_hi || s.date), 11) AS last_date,
	group_concat(DISTINCT c.kind) AS kinds,
	group_concat(DISTINCT p.topic) AS topics
FROM claims c
JOIN statements s ON s.sid = c.statement_id
JOIN actors b ON b.id = c.by_id
JOIN claim_targets ct ON ct.claim_id = c.id
JOIN actors t ON t.id = ct.actor_id
LEFT JOIN claim_topics p ON p.claim_id = c.id
WHERE c.kind IN ('accuse', 'criticize', 'condemn')
GROUP BY c.by_id, ct.actor_id
ORDER BY claims DESC, accuser_code, accused_code;

WITH sets(k, id) AS (SELECT 'a', id
FROM actors
WHERE code = :actor OR (NOT :exact
AND code > :actor || '.'
AND code < :actor || '/')
UNION ALL
SELECT 'b', id
FROM actors
WHERE code = :by OR (NOT :exact
AND code > :by || '.'
AND code < :by || '/')
UNION ALL
SELECT 't', id
FROM actors
WHERE code = :target OR (NOT :exact
AND code > :target || '.'
AND code < :target || '/'))
SELECT s.date_lo, s.date_hi, CASE WHEN :rollup
AND instr(i.code, '.') > 0 THEN substr(i.code, 1, instr(i.code, '.') - 1) ELSE i.code END, count(DISTINCT s.sid)
FROM statements s CROSS JOIN (SELECT 0 AS co
UNION ALL
SELECT 1) m LEFT JOIN co_issuers ci ON m.co
AND ci.statement_id = s.sid JOIN actors i ON i.id = CASE WHEN m.co THEN ci.actor_id ELSE s.issuer_id END
WHERE s.date_lo >= :from
AND s.date_lo <= :to
AND s.date_hi <= :to
AND s.sid IN (SELECT sid
FROM statements
WHERE issuer_id IN (SELECT id
FROM sets
WHERE k = 'a')
AND date_lo BETWEEN :from
AND :to
UNION ALL
SELECT statement_id
FROM co_issuers
WHERE actor_id IN (SELECT id
FROM sets
WHERE k = 'a')
UNION ALL
SELECT statement_id
FROM claims
WHERE by_id IN (SELECT id
FROM sets
WHERE k = 'a')
AND statement_lo BETWEEN :from
AND :to)
AND instr(:kinds, ',' || s.kind || ',') > 0
AND s.sid IN (SELECT claims.statement_id
FROM claim_topics p JOIN claims ON claims.id = p.claim_id
WHERE p.topic = :topic)
GROUP BY 1, 2, 3

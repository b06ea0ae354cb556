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
SELECT claims.id, s.id, s.date, b.code, b.name, claims.kind, claims.cameo, t.code, t.name, (SELECT group_concat(topic, char(31))
FROM (SELECT p.topic
FROM claim_topics p
WHERE p.claim_id = claims.id
ORDER BY p.seq)),
claims.summary, claims.quote, CASE WHEN claims.review = 'reviewed' THEN 'reviewed' ELSE claims.method END, claims.cue
FROM statements s JOIN claims ON claims.statement_id = s.sid JOIN actors b ON b.id = claims.by_id LEFT JOIN claim_targets ct ON ct.claim_id = claims.id LEFT JOIN actors t ON t.id = ct.actor_id
WHERE s.date_lo >= :from
AND s.date_lo <= :to
AND s.date_hi <= :to
AND (claims.review IS NULL OR claims.review = 'reviewed')
AND claims.id IN (SELECT id
FROM claims
WHERE by_id IN (SELECT id
FROM sets
WHERE k = 'a')
AND statement_lo BETWEEN :from
AND :to
UNION ALL
SELECT id
FROM claims
WHERE statement_id IN (SELECT sid
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
WHERE k = 'a')))
ORDER BY s.date_lo, s.date_hi, s.id, claims.seq, ct.seq LIMIT :limit

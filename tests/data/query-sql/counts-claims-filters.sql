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
AND instr(b.code, '.') > 0 THEN substr(b.code, 1, instr(b.code, '.') - 1) ELSE b.code END, count(*)
FROM statements s JOIN claims ON claims.statement_id = s.sid JOIN actors b ON b.id = claims.by_id
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
AND claims.by_id IN (SELECT id
FROM sets
WHERE k = 'b')
AND claims.statement_lo BETWEEN :from
AND :to
AND instr(:kinds, ',' || claims.kind || ',') > 0
AND claims.id IN (SELECT claim_id
FROM claim_topics
WHERE topic = :topic)
AND CASE WHEN claims.review = 'reviewed' THEN 'reviewed' ELSE claims.method END = :method
GROUP BY 1, 2, 3

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
SELECT found_in, statement_id, claim_id, date, by_code, title, snippet
FROM (SELECT 'statement' AS found_in, s.id AS statement_id, NULL AS claim_id, s.sid AS rid, s.date AS date, i.code AS by_code, s.title AS title, dm_rank(statements_fts, :limit) AS rank, dm_snippet(statements_fts, -1, '[', ']', '…', 20) AS snippet
FROM statements_fts JOIN statements s ON s.sid = statements_fts.rowid JOIN actors i ON i.id = s.issuer_id
WHERE :in_statements
AND statements_fts MATCH :text
AND s.date_lo >= :from
AND s.date_lo <= :to
AND s.date_hi <= :to
AND ( (s.issuer_id IN (SELECT id
FROM sets
WHERE k = 'a') OR s.sid IN (SELECT statement_id
FROM co_issuers
WHERE actor_id IN (SELECT id
FROM sets
WHERE k = 'a'))) OR s.sid IN (SELECT statement_id
FROM claims
WHERE by_id IN (SELECT id
FROM sets
WHERE k = 'a')))
UNION ALL
SELECT 'claim', s.id, claims.id, claims.id, s.date, b.code, s.title, dm_rank(claims_fts, :limit),
dm_snippet(claims_fts, -1, '[', ']', '…', 20)
FROM claims_fts JOIN claims ON claims.id = claims_fts.rowid JOIN statements s ON s.sid = claims.statement_id JOIN actors b ON b.id = claims.by_id
WHERE :in_claims
AND claims_fts MATCH :text
AND s.date_lo >= :from
AND s.date_lo <= :to
AND s.date_hi <= :to
AND (claims.review IS NULL OR claims.review = 'reviewed')
AND (claims.by_id IN (SELECT id
FROM sets
WHERE k = 'a') OR (s.issuer_id IN (SELECT id
FROM sets
WHERE k = 'a') OR s.sid IN (SELECT statement_id
FROM co_issuers
WHERE actor_id IN (SELECT id
FROM sets
WHERE k = 'a'))))
AND instr(:kinds, ',' || claims.kind || ',') > 0)
ORDER BY rank, found_in DESC, rid

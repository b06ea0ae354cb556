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
AND code < :target || '/')),
top AS MATERIALIZED (SELECT 'statement' AS found_in, s.id AS statement_id, NULL AS claim_id, s.sid AS rid, s.date AS date, i.code AS by_code, s.title AS title, dm_rank(statements_fts, :limit) AS rank
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
SELECT 'claim', s.id, claims.id, claims.id, s.date, b.code, s.title, dm_rank(claims_fts, :limit)
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
ORDER BY rank, found_in DESC, rid LIMIT :limit)
SELECT found_in, statement_id, claim_id, date, by_code, title, CASE WHEN top.found_in = 'statement' THEN (SELECT dm_snippet(statements_fts, -1, '[', ']', '…', 20)
FROM statements_fts
WHERE statements_fts MATCH :text
AND statements_fts.rowid = top.rid) ELSE (SELECT dm_snippet(claims_fts, -1, '[', ']', '…', 20)
FROM claims_fts
WHERE claims_fts MATCH :text
AND claims_fts.rowid = top.rid) END
FROM top
ORDER BY rank, found_in DESC, rid

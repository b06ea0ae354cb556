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
top AS MATERIALIZED (SELECT *
FROM (SELECT 'statement' AS found_in, rowid AS rid, dm_rank(statements_fts, :limit) AS rank
FROM statements_fts
WHERE :in_statements
AND statements_fts MATCH :text
AND dm_rank(statements_fts, :limit, 1)
ORDER BY rank, found_in DESC, rid LIMIT :limit)
UNION ALL
SELECT *
FROM (SELECT 'claim' AS found_in, rowid AS rid, dm_rank(claims_fts, :limit) AS rank
FROM claims_fts
WHERE :in_claims
AND claims_fts MATCH :text
AND dm_rank(claims_fts, :limit, 1)
ORDER BY rank, found_in DESC, rid LIMIT :limit)
ORDER BY rank, found_in DESC, rid LIMIT :limit)
SELECT found_in, s.id, c.id, s.date, b.code, s.title, CASE WHEN top.found_in = 'statement' THEN (SELECT dm_snippet(statements_fts, -1, '[', ']', '…', 20)
FROM statements_fts
WHERE statements_fts MATCH :text
AND statements_fts.rowid = top.rid) ELSE (SELECT dm_snippet(claims_fts, -1, '[', ']', '…', 20)
FROM claims_fts
WHERE claims_fts MATCH :text
AND claims_fts.rowid = top.rid) END
FROM top LEFT JOIN claims c ON top.found_in = 'claim'
AND c.id = top.rid JOIN statements s ON s.sid = coalesce(c.statement_id, top.rid) JOIN actors b ON b.id = coalesce(c.by_id, s.issuer_id)
ORDER BY rank, found_in DESC, rid

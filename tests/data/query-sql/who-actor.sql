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
acc AS (SELECT claims.id AS cid, s.sid AS sid, s.date_lo || s.date AS lo, s.date_hi || s.date AS hi, claims.kind AS kind, claims.by_id AS accuser, ct.actor_id AS accused
FROM claims CROSS JOIN statements s ON s.sid = claims.statement_id CROSS JOIN claim_targets ct ON ct.claim_id = claims.id
WHERE s.date_lo >= :from
AND s.date_lo <= :to
AND s.date_hi <= :to
AND (claims.review IS NULL OR claims.review = 'reviewed')
AND claims.kind IN (SELECT value
FROM json_each('["' || replace(trim(:kinds, ','),
',', '","') || '"]'))
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
WHERE k = 'a')))),
sel AS (SELECT *
FROM acc
WHERE 1),
pairs AS (SELECT accuser, accused, count(DISTINCT cid) AS nc, count(DISTINCT sid) AS ns, min(lo) AS lo, max(hi) AS hi, dm_sortset(kind) AS kinds, dm_sortset(p.topic) AS topics
FROM sel LEFT JOIN claim_topics p ON p.claim_id = sel.cid
GROUP BY accuser, accused)
SELECT ifnull(length(CAST(a.code AS BLOB)) || ':' || a.code || ',', '-,') || ifnull(length(CAST(a.name AS BLOB)) || ':' || a.name || ',', '-,') || ifnull(length(CAST(b.code AS BLOB)) || ':' || b.code || ',', '-,') || ifnull(length(CAST(b.name AS BLOB)) || ':' || b.name || ',', '-,') || ifnull(length(CAST(p.nc AS BLOB)) || ':' || p.nc || ',', '-,') || ifnull(length(CAST(p.ns AS BLOB)) || ':' || p.ns || ',', '-,') || ifnull(length(CAST(substr(p.lo, 11) AS BLOB)) || ':' || substr(p.lo, 11) || ',', '-,') || ifnull(length(CAST(substr(p.hi, 11) AS BLOB)) || ':' || substr(p.hi, 11) || ',', '-,') || ifnull(length(CAST(p.kinds AS BLOB)) || ':' || p.kinds || ',', '-,') || ifnull(length(CAST(p.topics AS BLOB)) || ':' || p.topics || ',', '-,')
FROM pairs p JOIN actors a ON a.id = p.accuser JOIN actors b ON b.id = p.accused
WHERE 1
ORDER BY p.nc DESC, a.code, b.code LIMIT :limit

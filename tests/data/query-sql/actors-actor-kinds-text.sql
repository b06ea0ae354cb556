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
SELECT a.code, a.name, a.kind, p.code, a.country, (SELECT group_concat(alias, char(31))
FROM (SELECT l.alias
FROM aliases l
WHERE l.actor_id = a.id
AND NOT l.is_name
ORDER BY l.alias)),
(SELECT count(*)
FROM statements
WHERE issuer_id = a.id) + (SELECT count(*)
FROM co_issuers
WHERE actor_id = a.id),
(SELECT count(*)
FROM claims
WHERE by_id = a.id
AND (claims.review IS NULL OR claims.review = 'reviewed')),
(SELECT count(*)
FROM claim_targets ct JOIN claims ON claims.id = ct.claim_id
WHERE ct.actor_id = a.id
AND (claims.review IS NULL OR claims.review = 'reviewed'))
FROM actors a LEFT JOIN actors p ON p.id = a.parent_id
WHERE 1
AND a.id IN (SELECT id
FROM sets
WHERE k = 'a')
AND instr(:kinds, ',' || a.kind || ',') > 0
AND (instr(lower(a.code),
:text) > 0 OR a.id IN (SELECT actor_id
FROM aliases
WHERE instr(folded, :text) > 0))
ORDER BY a.code LIMIT :limit

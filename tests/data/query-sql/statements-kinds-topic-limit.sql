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
SELECT s.id, s.date, CASE WHEN s.sid IN (SELECT statement_id
FROM co_issuers) THEN i.code || (SELECT group_concat(char(31) || n, '')
FROM (SELECT x.code AS n
FROM co_issuers ci JOIN actors x ON x.id = ci.actor_id
WHERE ci.statement_id = s.sid
ORDER BY ci.seq)) ELSE i.code END, CASE WHEN s.sid IN (SELECT statement_id
FROM co_issuers) THEN i.name || (SELECT group_concat(char(31) || n, '')
FROM (SELECT x.name AS n
FROM co_issuers ci JOIN actors x ON x.id = ci.actor_id
WHERE ci.statement_id = s.sid
ORDER BY ci.seq)) ELSE i.name END, s.kind, s.title, s.url, s.language, (SELECT count(*)
FROM claims
WHERE claims.statement_id = s.sid) - (SELECT count(*)
FROM claims
WHERE claims.review IN ('rejected', 'superseded')
AND claims.statement_id = s.sid),
(SELECT group_concat(responds_to, char(31))
FROM (SELECT r.responds_to
FROM responses r
WHERE r.statement_id = s.sid
ORDER BY r.seq))
FROM statements s JOIN actors i ON i.id = s.issuer_id
WHERE s.date_lo >= :from
AND s.date_lo <= :to
AND s.date_hi <= :to
AND instr(:kinds, ',' || s.kind || ',') > 0
AND s.sid IN (SELECT claims.statement_id
FROM claim_topics p JOIN claims ON claims.id = p.claim_id
WHERE p.topic = :topic)
ORDER BY s.date_lo, s.date_hi, s.id LIMIT :limit

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
AND instr(i.code, '.') > 0 THEN substr(i.code, 1, instr(i.code, '.') - 1) ELSE i.code END, count(DISTINCT claims.id)
FROM statements s JOIN claims ON claims.statement_id = s.sid LEFT JOIN claim_targets ct ON ct.claim_id = claims.id LEFT JOIN actors t ON t.id = ct.actor_id CROSS JOIN (SELECT 0 AS co
UNION ALL
SELECT 1) m LEFT JOIN co_issuers ci ON m.co
AND ci.statement_id = s.sid JOIN actors i ON i.id = CASE WHEN m.co THEN ci.actor_id ELSE s.issuer_id END
WHERE s.date_lo >= :from
AND s.date_lo <= :to
AND s.date_hi <= :to
AND (claims.review IS NULL OR claims.review = 'reviewed')
GROUP BY 1, 2, 3

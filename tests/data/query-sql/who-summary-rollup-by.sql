SELECT p.listing
FROM who_pairs p
WHERE p.lvl = :rollup
AND (p.accuser = :by OR (NOT :exact
AND p.accuser > :by || '.'
AND p.accuser < :by || '/'))
ORDER BY p.claims DESC, p.accuser, p.accused LIMIT :limit

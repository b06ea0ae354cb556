SELECT p.listing
FROM who_pairs p
WHERE p.lvl = :rollup
AND (p.accuser = :by OR (NOT :exact
AND p.accuser > :by || '.'
AND p.accuser < :by || '/'))
AND (p.accused = :target OR (NOT :exact
AND p.accused > :target || '.'
AND p.accused < :target || '/'))
AND EXISTS (SELECT 1
FROM who_pairs q INDEXED BY who_pairs_accused
WHERE q.lvl = p.lvl
AND q.accuser = p.accused
AND q.accused = p.accuser)
ORDER BY p.claims DESC, p.accuser, p.accused LIMIT :limit

SELECT p.listing
FROM who_pairs p
WHERE p.lvl = :rollup
ORDER BY p.claims DESC, p.accuser, p.accused LIMIT :limit

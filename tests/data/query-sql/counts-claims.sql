SELECT s.date_lo, s.date_hi, NULL, sum(s.n)
FROM timeline_counts s
WHERE s.date_lo >= :from
AND s.date_lo <= :to
AND s.date_hi <= :to
GROUP BY 1, 2, 3

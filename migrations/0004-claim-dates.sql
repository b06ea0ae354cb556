-- Claims carry the first day of their statement's date, so that the
-- claims an actor made within a date range are found through one index
-- (statements --actor or claims --by with --from and --to) instead of
-- looking for the actor among the claimants of every statement of the
-- range.  A statement keeps its date (trigger who_statement_update) and
-- its claims are inserted with it, so the copy stays true; 'demarche
-- check' compares the two.

ALTER TABLE claims ADD COLUMN statement_lo TEXT;

UPDATE claims SET statement_lo = s.date_lo
FROM statements s WHERE s.sid = claims.statement_id;

CREATE INDEX claims_by_date ON claims (by_id, statement_lo, statement_id);

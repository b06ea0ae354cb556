-- From schema level 4 on (migration 0004), demarche wrote each claim's
-- statement date with it.
UPDATE claims SET statement_lo = (SELECT date_lo FROM statements
	WHERE sid = claims.statement_id);

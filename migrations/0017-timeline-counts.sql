-- The claims in force counted per statement date and kind, so that
-- 'timeline' without a filter on actors, topics or methods reads a row
-- per first day, last day and kind instead of grouping every claim: a
-- million claims over 25 years make some 50,000 rows.  The date stays
-- as known: a statement dated 2021-07 counts under 2021-07-01 to
-- 2021-07-31, and the timeline places it as it places the claims.
-- Claimants, targets and issuers are left out: keyed by them, the table
-- would hold about a row per claim and save nothing.
--
-- Triggers keep it exact as claims come and go; the claims of the import
-- under way (the table pending) are counted in bulk at the end of each
-- file, as for the who summary (migration 0007).  'demarche check'
-- compares it with timeline_counts_fresh, computed from the claims.
CREATE TABLE timeline_counts (
	date_lo TEXT NOT NULL,
	date_hi TEXT NOT NULL,
	kind    TEXT NOT NULL,
	n       INTEGER NOT NULL CHECK (n >= 0),
	PRIMARY KEY (date_lo, date_hi, kind)
) STRICT, WITHOUT ROWID;

CREATE VIEW timeline_counts_fresh AS
SELECT s.date_lo AS date_lo, s.date_hi AS date_hi, c.kind AS kind,
	count(*) AS n
FROM claims c JOIN statements s ON s.sid = c.statement_id
WHERE c.review IS NULL OR c.review = 'reviewed'
GROUP BY s.date_lo, s.date_hi, c.kind;

-- A claim in force comes or goes, by its id: the bodies sit behind views,
-- as in migration 0007, so that an insert during an import, which the
-- WHEN turns away, does not set them up.
CREATE VIEW timeline_claim_added AS SELECT id FROM claims WHERE 0;
CREATE TRIGGER timeline_claim_added_insert INSTEAD OF INSERT
ON timeline_claim_added BEGIN
	INSERT INTO timeline_counts (date_lo, date_hi, kind, n)
	SELECT s.date_lo, s.date_hi, c.kind, 1 FROM claims c
	JOIN statements s ON s.sid = c.statement_id WHERE c.id = new.id
	ON CONFLICT (date_lo, date_hi, kind) DO UPDATE SET n = n + 1;
END;
CREATE VIEW timeline_claim_removed AS SELECT id FROM claims WHERE 0;
CREATE TRIGGER timeline_claim_removed_insert INSTEAD OF INSERT
ON timeline_claim_removed BEGIN
	UPDATE timeline_counts SET n = n - 1
	FROM claims c JOIN statements s ON s.sid = c.statement_id
	WHERE c.id = new.id AND timeline_counts.date_lo = s.date_lo
	AND timeline_counts.date_hi = s.date_hi
	AND timeline_counts.kind = c.kind;
END;

CREATE TRIGGER timeline_claim_insert AFTER INSERT ON claims
WHEN (SELECT import_id FROM pending) IS NULL
	AND (new.review IS NULL OR new.review = 'reviewed') BEGIN
	INSERT INTO timeline_claim_added VALUES (new.id);
END;

-- A claim leaving while its statement still exists; a statement leaving
-- takes its claims out first, since its claims' cascade runs once it is
-- gone.
CREATE TRIGGER timeline_claim_delete BEFORE DELETE ON claims
WHEN old.review IS NULL OR old.review = 'reviewed' BEGIN
	INSERT INTO timeline_claim_removed VALUES (old.id);
END;
CREATE TRIGGER timeline_statement_delete BEFORE DELETE ON statements BEGIN
	UPDATE timeline_counts SET n = n - c.k
	FROM (SELECT kind, count(*) AS k FROM claims
		WHERE statement_id = old.sid
		AND (review IS NULL OR review = 'reviewed') GROUP BY kind) c
	WHERE timeline_counts.date_lo = old.date_lo
	AND timeline_counts.date_hi = old.date_hi
	AND timeline_counts.kind = c.kind;
END;

-- A claim that moves, changes kind or goes in or out of force: out as
-- it was, in as it is (a statement keeps its date: who_statement_update).
CREATE TRIGGER timeline_claim_update_out BEFORE UPDATE OF statement_id,
kind, review ON claims
WHEN old.review IS NULL OR old.review = 'reviewed' BEGIN
	INSERT INTO timeline_claim_removed VALUES (old.id);
END;
CREATE TRIGGER timeline_claim_update_in AFTER UPDATE OF statement_id,
kind, review ON claims
WHEN new.review IS NULL OR new.review = 'reviewed' BEGIN
	INSERT INTO timeline_claim_added VALUES (new.id);
END;

-- A row emptied removes itself.
CREATE TRIGGER timeline_count_emptied AFTER UPDATE OF n ON timeline_counts
WHEN new.n = 0 BEGIN
	DELETE FROM timeline_counts WHERE date_lo = new.date_lo
	AND date_hi = new.date_hi AND kind = new.kind;
END;

INSERT INTO timeline_counts SELECT * FROM timeline_counts_fresh;

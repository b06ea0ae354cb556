-- 'who' reads each pair's printed texts as one column, listing: SQLite's
-- work per column read was most of the cost of a long listing (85,692
-- pairs: 88 ms to read 10 columns, 52 ms to read 4 with 6 texts packed
-- in one).  Each text is packed as its length in bytes, ':', its bytes
-- and ',', or as '-,' when NULL, so that any text, separators included,
-- comes back whole.  The dates go in as written, without the day in
-- front that orders them.  The columns it packs stay, for 'demarche
-- check' (which compares them with who_pairs_fresh, and listing with
-- them) and for other tools; a trigger packs them again whenever one of
-- them is set.

ALTER TABLE who_pairs ADD COLUMN listing TEXT;

CREATE TRIGGER who_listing_pack AFTER UPDATE OF accuser_name, accused_name,
	first_lo, last_hi, kinds, topics ON who_pairs BEGIN
	UPDATE who_pairs SET listing =
		ifnull(length(CAST(new.accuser_name AS BLOB)) || ':' ||
			new.accuser_name || ',', '-,') ||
		ifnull(length(CAST(new.accused_name AS BLOB)) || ':' ||
			new.accused_name || ',', '-,') ||
		ifnull(length(CAST(substr(new.first_lo, 11) AS BLOB)) || ':' ||
			substr(new.first_lo, 11) || ',', '-,') ||
		ifnull(length(CAST(substr(new.last_hi, 11) AS BLOB)) || ':' ||
			substr(new.last_hi, 11) || ',', '-,') ||
		ifnull(length(CAST(new.kinds AS BLOB)) || ':' ||
			new.kinds || ',', '-,') ||
		ifnull(length(CAST(new.topics AS BLOB)) || ':' ||
			new.topics || ',', '-,')
	WHERE lvl = new.lvl AND accuser = new.accuser
	AND accused = new.accused;
END;

DROP INDEX who_pairs_listing;
CREATE INDEX who_pairs_listing ON who_pairs (lvl, claims DESC, accuser,
	accused, statements, listing);

-- Every pair, packed by the trigger.
UPDATE who_pairs SET kinds = kinds;

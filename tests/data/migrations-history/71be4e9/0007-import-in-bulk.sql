-- While a file is imported (the table pending holds its id), only that
-- import writes, and only its own statements: their claims go into the
-- full-text index and the who summary in bulk at the end of the file,
-- which also marks the pairs it touches for their listing columns.  The
-- insert triggers therefore test pending alone.  They looked up each
-- row's statement instead, a quarter of the time of inserting a claim's
-- targets or topics; and the summary tables' triggers marked a pair again
-- for every row the bulk statements wrote.

DROP TRIGGER who_target_insert;
CREATE TRIGGER who_target_insert AFTER INSERT ON claim_targets
WHEN (SELECT import_id FROM pending) IS NULL
	AND (SELECT kind FROM claims WHERE id = new.claim_id)
	IN ('accuse', 'criticize', 'condemn') BEGIN
	INSERT INTO who_pairs (lvl, accuser, accused, claims, statements)
	SELECT e.lvl, e.accuser, e.accused,
		NOT EXISTS (SELECT 1 FROM who_edges o WHERE o.cid = e.cid
			AND o.lvl = e.lvl AND o.accused = e.accused
			AND o.target_id <> e.target_id),
		NOT EXISTS (SELECT 1 FROM who_statements w
			WHERE w.lvl = e.lvl AND w.accuser = e.accuser
			AND w.accused = e.accused AND w.sid = e.sid)
	FROM who_edges e
	WHERE e.cid = new.claim_id AND e.target_id = new.actor_id
	ON CONFLICT (lvl, accuser, accused) DO UPDATE SET
		claims = claims + excluded.claims,
		statements = statements + excluded.statements;
	INSERT INTO who_statements (lvl, accuser, accused, sid, lo, hi, n)
	SELECT lvl, accuser, accused, sid, lo, hi, 1 FROM who_edges
	WHERE cid = new.claim_id AND target_id = new.actor_id
	ON CONFLICT (lvl, accuser, accused, sid) DO UPDATE SET n = n + 1;
	INSERT INTO who_kinds (lvl, accuser, accused, kind, n)
	SELECT lvl, accuser, accused, kind, 1 FROM who_edges
	WHERE cid = new.claim_id AND target_id = new.actor_id
	ON CONFLICT (lvl, accuser, accused, kind) DO UPDATE SET n = n + 1;
	INSERT INTO who_topics (lvl, accuser, accused, topic, n)
	SELECT e.lvl, e.accuser, e.accused, p.topic, 1 FROM who_edges e
	JOIN claim_topics p ON p.claim_id = e.cid
	WHERE e.cid = new.claim_id AND e.target_id = new.actor_id
	ON CONFLICT (lvl, accuser, accused, topic) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER who_topic_insert;
CREATE TRIGGER who_topic_insert AFTER INSERT ON claim_topics
WHEN (SELECT import_id FROM pending) IS NULL
	AND (SELECT kind FROM claims WHERE id = new.claim_id)
	IN ('accuse', 'criticize', 'condemn') BEGIN
	INSERT INTO who_topics (lvl, accuser, accused, topic, n)
	SELECT lvl, accuser, accused, new.topic, 1 FROM who_edges
	WHERE cid = new.claim_id
	ON CONFLICT (lvl, accuser, accused, topic) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER claims_fts_insert;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO claims_fts (rowid, summary, quote)
	VALUES (new.id, new.summary, new.quote);
END;

DROP TRIGGER who_listing_pair;
CREATE TRIGGER who_listing_pair AFTER INSERT ON who_pairs
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;

DROP TRIGGER who_listing_statement_insert;
CREATE TRIGGER who_listing_statement_insert AFTER INSERT ON who_statements
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;

DROP TRIGGER who_listing_kind_insert;
CREATE TRIGGER who_listing_kind_insert AFTER INSERT ON who_kinds
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;

DROP TRIGGER who_listing_topic_insert;
CREATE TRIGGER who_listing_topic_insert AFTER INSERT ON who_topics
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;

-- Everything 'who' prints for a pair, kept on the pair's row, so that the
-- whole listing is one walk of the index who_pairs_listing, in the order
-- 'who' prints, with no lookup per pair.  Triggers on the summary tables
-- and on actors keep these columns current; 'demarche check' compares
-- them with who_pairs_fresh, which computes them from the claims.
--
-- first_lo and last_hi carry the first or last day in front of the date
-- as written, as in who_statements.  kinds and topics are sorted and
-- joined by char(31).

ALTER TABLE who_pairs ADD COLUMN accuser_name TEXT;
ALTER TABLE who_pairs ADD COLUMN accused_name TEXT;
ALTER TABLE who_pairs ADD COLUMN first_lo TEXT;
ALTER TABLE who_pairs ADD COLUMN last_hi TEXT;
ALTER TABLE who_pairs ADD COLUMN kinds TEXT;
ALTER TABLE who_pairs ADD COLUMN topics TEXT;

CREATE INDEX who_pairs_listing ON who_pairs (lvl, claims DESC, accuser,
	accused, statements, accuser_name, accused_name, first_lo, last_hi,
	kinds, topics);

-- The listing columns of each pair, from the summary tables.
CREATE VIEW who_pairs_derived AS
SELECT p.lvl AS lvl, p.accuser AS accuser, p.accused AS accused,
	(SELECT name FROM actors WHERE code = p.accuser) AS accuser_name,
	(SELECT name FROM actors WHERE code = p.accused) AS accused_name,
	(SELECT min(w.lo) FROM who_statements w WHERE w.lvl = p.lvl
		AND w.accuser = p.accuser AND w.accused = p.accused)
		AS first_lo,
	(SELECT max(w.hi) FROM who_statements w WHERE w.lvl = p.lvl
		AND w.accuser = p.accuser AND w.accused = p.accused)
		AS last_hi,
	(SELECT group_concat(kind, char(31)) FROM (SELECT w.kind
		FROM who_kinds w WHERE w.lvl = p.lvl AND w.accuser = p.accuser
		AND w.accused = p.accused ORDER BY w.kind)) AS kinds,
	(SELECT group_concat(topic, char(31)) FROM (SELECT w.topic
		FROM who_topics w WHERE w.lvl = p.lvl AND w.accuser = p.accuser
		AND w.accused = p.accused ORDER BY w.topic)) AS topics
FROM who_pairs p;

-- The same, and the counts, from the claims themselves.
DROP VIEW who_pairs_fresh;
CREATE VIEW who_pairs_fresh AS
SELECT p.lvl, p.accuser, p.accused, p.claims, p.statements,
	(SELECT name FROM actors WHERE code = p.accuser),
	(SELECT name FROM actors WHERE code = p.accused),
	p.first_lo, p.last_hi, k.kinds, t.topics
FROM (SELECT lvl, accuser, accused, count(DISTINCT cid) AS claims,
	count(DISTINCT sid) AS statements, min(lo) AS first_lo,
	max(hi) AS last_hi FROM who_edges GROUP BY lvl, accuser, accused) p
JOIN (SELECT lvl, accuser, accused, group_concat(kind, char(31)) AS kinds
	FROM (SELECT DISTINCT lvl, accuser, accused, kind FROM who_edges
	ORDER BY lvl, accuser, accused, kind)
	GROUP BY lvl, accuser, accused) k USING (lvl, accuser, accused)
LEFT JOIN (SELECT lvl, accuser, accused,
	group_concat(topic, char(31)) AS topics
	FROM (SELECT DISTINCT e.lvl AS lvl, e.accuser AS accuser,
	e.accused AS accused, p.topic AS topic FROM who_edges e
	JOIN claim_topics p ON p.claim_id = e.cid
	ORDER BY lvl, accuser, accused, topic)
	GROUP BY lvl, accuser, accused) t USING (lvl, accuser, accused);

-- Pairs whose listing columns wait for the end of the file under import
-- (see the table pending): its statements are summed up in bulk, and
-- each pair they touch is brought up to date once, not at every row.
CREATE TABLE who_dirty (
	lvl     INTEGER NOT NULL,
	accuser TEXT NOT NULL,
	accused TEXT NOT NULL,
	PRIMARY KEY (lvl, accuser, accused)
) STRICT, WITHOUT ROWID;

-- Inserting a pair here brings its listing columns up to date, or marks
-- it for later during an import: one body for the triggers below.
CREATE VIEW who_touched AS SELECT lvl, accuser, accused FROM who_dirty;
CREATE TRIGGER who_touched_insert INSTEAD OF INSERT ON who_touched BEGIN
	INSERT OR IGNORE INTO who_dirty (lvl, accuser, accused)
	SELECT new.lvl, new.accuser, new.accused FROM pending
	WHERE import_id IS NOT NULL;
	UPDATE who_pairs SET (accuser_name, accused_name, first_lo, last_hi,
		kinds, topics) = (SELECT d.accuser_name, d.accused_name,
		d.first_lo, d.last_hi, d.kinds, d.topics
		FROM who_pairs_derived d WHERE d.lvl = new.lvl
		AND d.accuser = new.accuser AND d.accused = new.accused)
	WHERE lvl = new.lvl AND accuser = new.accuser
	AND accused = new.accused AND (SELECT import_id FROM pending) IS NULL;
END;

CREATE TRIGGER who_listing_pair AFTER INSERT ON who_pairs BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;
CREATE TRIGGER who_listing_statement_insert AFTER INSERT ON who_statements
BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;
CREATE TRIGGER who_listing_statement_delete AFTER DELETE ON who_statements
BEGIN
	INSERT INTO who_touched VALUES (old.lvl, old.accuser, old.accused);
END;
CREATE TRIGGER who_listing_kind_insert AFTER INSERT ON who_kinds BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;
CREATE TRIGGER who_listing_kind_delete AFTER DELETE ON who_kinds BEGIN
	INSERT INTO who_touched VALUES (old.lvl, old.accuser, old.accused);
END;
CREATE TRIGGER who_listing_topic_insert AFTER INSERT ON who_topics BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;
CREATE TRIGGER who_listing_topic_delete AFTER DELETE ON who_topics BEGIN
	INSERT INTO who_touched VALUES (old.lvl, old.accuser, old.accused);
END;

-- Names follow the actors: an actor added later names the pairs of its
-- code (a top-level code may come after its sub-actors' pairs).
CREATE TRIGGER who_listing_actor_insert AFTER INSERT ON actors BEGIN
	UPDATE who_pairs SET accuser_name = new.name
	WHERE lvl IN (0, 1) AND accuser = new.code;
	UPDATE who_pairs SET accused_name = new.name
	WHERE lvl IN (0, 1) AND accused = new.code;
END;
CREATE TRIGGER who_listing_actor_rename AFTER UPDATE OF name ON actors BEGIN
	UPDATE who_pairs SET accuser_name = new.name
	WHERE lvl IN (0, 1) AND accuser = new.code;
	UPDATE who_pairs SET accused_name = new.name
	WHERE lvl IN (0, 1) AND accused = new.code;
END;
CREATE TRIGGER who_listing_actor_delete AFTER DELETE ON actors BEGIN
	UPDATE who_pairs SET accuser_name = NULL
	WHERE lvl IN (0, 1) AND accuser = old.code;
	UPDATE who_pairs SET accused_name = NULL
	WHERE lvl IN (0, 1) AND accused = old.code;
END;

-- The removals of migration 0002 looked for emptied rows by scanning
-- whole summary tables; these look only at the rows of the edge leaving.
DROP TRIGGER who_target_delete;
CREATE TRIGGER who_target_delete BEFORE DELETE ON claim_targets
WHEN (SELECT kind FROM claims WHERE id = old.claim_id)
	IN ('accuse', 'criticize', 'condemn') BEGIN
	UPDATE who_pairs SET
		claims = claims - NOT EXISTS (SELECT 1 FROM who_edges o
			WHERE o.cid = old.claim_id AND o.lvl = who_pairs.lvl
			AND o.accused = who_pairs.accused
			AND o.target_id <> old.actor_id),
		statements = statements - (SELECT w.n = 1 FROM who_statements w
			WHERE w.lvl = who_pairs.lvl
			AND w.accuser = who_pairs.accuser
			AND w.accused = who_pairs.accused
			AND w.sid = (SELECT statement_id FROM claims
			WHERE id = old.claim_id))
	WHERE (lvl, accuser, accused) IN (SELECT lvl, accuser, accused
		FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id);
	DELETE FROM who_pairs WHERE claims = 0
	AND (lvl, accuser, accused) IN (SELECT lvl, accuser, accused
		FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id);
	UPDATE who_statements SET n = n - 1
	WHERE (lvl, accuser, accused, sid) IN (SELECT lvl, accuser, accused,
		sid FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id);
	DELETE FROM who_statements WHERE n = 0
	AND (lvl, accuser, accused, sid) IN (SELECT lvl, accuser, accused,
		sid FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id);
	UPDATE who_kinds SET n = n - 1
	WHERE (lvl, accuser, accused, kind) IN (SELECT lvl, accuser, accused,
		kind FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id);
	DELETE FROM who_kinds WHERE n = 0
	AND (lvl, accuser, accused, kind) IN (SELECT lvl, accuser, accused,
		kind FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id);
	UPDATE who_topics SET n = n - 1
	WHERE (lvl, accuser, accused, topic) IN (SELECT e.lvl, e.accuser,
		e.accused, p.topic FROM who_edges e
		JOIN claim_topics p ON p.claim_id = e.cid
		WHERE e.cid = old.claim_id AND e.target_id = old.actor_id);
	DELETE FROM who_topics WHERE n = 0
	AND (lvl, accuser, accused, topic) IN (SELECT e.lvl, e.accuser,
		e.accused, p.topic FROM who_edges e
		JOIN claim_topics p ON p.claim_id = e.cid
		WHERE e.cid = old.claim_id AND e.target_id = old.actor_id);
END;

DROP TRIGGER who_topic_delete;
CREATE TRIGGER who_topic_delete BEFORE DELETE ON claim_topics
WHEN (SELECT kind FROM claims WHERE id = old.claim_id)
	IN ('accuse', 'criticize', 'condemn') BEGIN
	UPDATE who_topics SET n = n - (SELECT count(*) FROM who_edges e
		WHERE e.cid = old.claim_id AND e.lvl = who_topics.lvl
		AND e.accuser = who_topics.accuser
		AND e.accused = who_topics.accused)
	WHERE topic = old.topic AND (lvl, accuser, accused) IN (SELECT lvl,
		accuser, accused FROM who_edges WHERE cid = old.claim_id);
	DELETE FROM who_topics WHERE n = 0 AND topic = old.topic
	AND (lvl, accuser, accused) IN (SELECT lvl, accuser, accused
		FROM who_edges WHERE cid = old.claim_id);
END;

INSERT INTO who_touched SELECT lvl, accuser, accused FROM who_pairs;

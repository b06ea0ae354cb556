-- The cross-reference of accusations kept summed up, so that 'who' reads a
-- few rows per pair instead of aggregating every claim.  Triggers keep it
-- exact as claims, targets and topics come and go; 'demarche check'
-- compares it with the *_fresh views, which compute it from scratch.
--
-- An edge is one target of one accusation (the kinds accuse, criticize,
-- condemn), at two levels: 0 between the actors themselves, 1 between
-- their top-level actors (the first segment of the code: CHN.MFA is CHN).

CREATE VIEW who_edges AS
SELECT l.lvl AS lvl,
	CASE WHEN l.lvl = 1 AND instr(b.code, '.') > 0
	THEN substr(b.code, 1, instr(b.code, '.') - 1) ELSE b.code END
	AS accuser,
	CASE WHEN l.lvl = 1 AND instr(t.code, '.') > 0
	THEN substr(t.code, 1, instr(t.code, '.') - 1) ELSE t.code END
	AS accused,
	ct.claim_id AS cid, ct.actor_id AS target_id, c.statement_id AS sid,
	s.date_lo || s.date AS lo, s.date_hi || s.date AS hi, c.kind AS kind
FROM claim_targets ct
JOIN claims c ON c.id = ct.claim_id
JOIN statements s ON s.sid = c.statement_id
JOIN actors b ON b.id = c.by_id
JOIN actors t ON t.id = ct.actor_id
JOIN (SELECT 0 AS lvl UNION ALL SELECT 1) l
WHERE c.kind IN ('accuse', 'criticize', 'condemn');

-- One row per pair: distinct claims and statements.
CREATE TABLE who_pairs (
	lvl        INTEGER NOT NULL CHECK (lvl IN (0, 1)),
	accuser    TEXT NOT NULL,
	accused    TEXT NOT NULL,
	claims     INTEGER NOT NULL CHECK (claims >= 0),
	statements INTEGER NOT NULL CHECK (statements >= 0),
	PRIMARY KEY (lvl, accuser, accused)
) STRICT, WITHOUT ROWID;
CREATE INDEX who_pairs_accused ON who_pairs (lvl, accused);

-- The statements of each pair with their dates (first and last day in
-- front, as 'who' orders them) and how many edges they hold.
CREATE TABLE who_statements (
	lvl     INTEGER NOT NULL,
	accuser TEXT NOT NULL,
	accused TEXT NOT NULL,
	sid     INTEGER NOT NULL,
	lo      TEXT NOT NULL,
	hi      TEXT NOT NULL,
	n       INTEGER NOT NULL CHECK (n >= 0),
	PRIMARY KEY (lvl, accuser, accused, sid)
) STRICT, WITHOUT ROWID;
CREATE INDEX who_statements_lo ON who_statements (lvl, accuser, accused, lo);
CREATE INDEX who_statements_hi ON who_statements (lvl, accuser, accused, hi);

CREATE TABLE who_kinds (
	lvl     INTEGER NOT NULL,
	accuser TEXT NOT NULL,
	accused TEXT NOT NULL,
	kind    TEXT NOT NULL,
	n       INTEGER NOT NULL CHECK (n >= 0),
	PRIMARY KEY (lvl, accuser, accused, kind)
) STRICT, WITHOUT ROWID;

-- n counts (edge, topic) pairs.
CREATE TABLE who_topics (
	lvl     INTEGER NOT NULL,
	accuser TEXT NOT NULL,
	accused TEXT NOT NULL,
	topic   TEXT NOT NULL,
	n       INTEGER NOT NULL CHECK (n >= 0),
	PRIMARY KEY (lvl, accuser, accused, topic)
) STRICT, WITHOUT ROWID;

CREATE VIEW who_pairs_fresh AS
SELECT lvl, accuser, accused, count(DISTINCT cid) AS claims,
	count(DISTINCT sid) AS statements
FROM who_edges GROUP BY lvl, accuser, accused;
CREATE VIEW who_statements_fresh AS
SELECT lvl, accuser, accused, sid, min(lo) AS lo, max(hi) AS hi, count(*) AS n
FROM who_edges GROUP BY lvl, accuser, accused, sid;
CREATE VIEW who_kinds_fresh AS
SELECT lvl, accuser, accused, kind, count(*) AS n
FROM who_edges GROUP BY lvl, accuser, accused, kind;
CREATE VIEW who_topics_fresh AS
SELECT e.lvl AS lvl, e.accuser AS accuser, e.accused AS accused,
	p.topic AS topic, count(*) AS n
FROM who_edges e JOIN claim_topics p ON p.claim_id = e.cid
GROUP BY e.lvl, e.accuser, e.accused, p.topic;

-- Only accusations make edges, so the triggers skip other claims.
--
-- A new edge: the pair gains the claim unless another target of the same
-- claim already put it there (level 1), and the statement unless one of
-- its edges did.
CREATE TRIGGER who_target_insert AFTER INSERT ON claim_targets
WHEN (SELECT kind FROM claims WHERE id = new.claim_id)
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

-- An edge leaving, while its claim and statement still exist: deleting a
-- claim or a statement first deletes its targets, below, since a cascade
-- runs after the parent row is gone.
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
	DELETE FROM who_pairs WHERE claims = 0;
	UPDATE who_statements SET n = n - 1
	WHERE (lvl, accuser, accused, sid) IN (SELECT lvl, accuser, accused,
		sid FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id);
	UPDATE who_kinds SET n = n - 1
	WHERE (lvl, accuser, accused, kind) IN (SELECT lvl, accuser, accused,
		kind FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id);
	UPDATE who_topics SET n = n - 1
	WHERE (lvl, accuser, accused, topic) IN (SELECT e.lvl, e.accuser,
		e.accused, p.topic FROM who_edges e
		JOIN claim_topics p ON p.claim_id = e.cid
		WHERE e.cid = old.claim_id AND e.target_id = old.actor_id);
	DELETE FROM who_statements WHERE n = 0;
	DELETE FROM who_kinds WHERE n = 0;
	DELETE FROM who_topics WHERE n = 0;
END;

CREATE TRIGGER who_claim_delete BEFORE DELETE ON claims BEGIN
	DELETE FROM claim_targets WHERE claim_id = old.id;
END;
CREATE TRIGGER who_statement_delete BEFORE DELETE ON statements BEGIN
	DELETE FROM claim_targets WHERE claim_id IN (SELECT id FROM claims
		WHERE statement_id = old.sid);
END;

CREATE TRIGGER who_topic_insert AFTER INSERT ON claim_topics
WHEN (SELECT kind FROM claims WHERE id = new.claim_id)
	IN ('accuse', 'criticize', 'condemn') BEGIN
	INSERT INTO who_topics (lvl, accuser, accused, topic, n)
	SELECT lvl, accuser, accused, new.topic, 1 FROM who_edges
	WHERE cid = new.claim_id
	ON CONFLICT (lvl, accuser, accused, topic) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER who_topic_delete BEFORE DELETE ON claim_topics
WHEN (SELECT kind FROM claims WHERE id = old.claim_id)
	IN ('accuse', 'criticize', 'condemn') BEGIN
	UPDATE who_topics SET n = n - (SELECT count(*) FROM who_edges e
		WHERE e.cid = old.claim_id AND e.lvl = who_topics.lvl
		AND e.accuser = who_topics.accuser
		AND e.accused = who_topics.accused)
	WHERE topic = old.topic AND (lvl, accuser, accused) IN (SELECT lvl,
		accuser, accused FROM who_edges WHERE cid = old.claim_id);
	DELETE FROM who_topics WHERE n = 0;
END;

-- Changes the triggers above do not follow are refused: move a claim's
-- targets out and back in instead.
CREATE TRIGGER who_claim_update BEFORE UPDATE OF statement_id, by_id, kind
ON claims WHEN EXISTS (SELECT 1 FROM claim_targets WHERE claim_id = old.id)
BEGIN
	SELECT RAISE(ABORT, 'a claim with targets keeps its claimant and kind');
END;
CREATE TRIGGER who_target_update BEFORE UPDATE ON claim_targets BEGIN
	SELECT RAISE(ABORT, 'claim targets are deleted and added, not changed');
END;
CREATE TRIGGER who_topic_update BEFORE UPDATE ON claim_topics BEGIN
	SELECT RAISE(ABORT, 'claim topics are deleted and added, not changed');
END;
CREATE TRIGGER who_statement_update BEFORE UPDATE OF date, date_lo, date_hi
ON statements BEGIN
	SELECT RAISE(ABORT, 'a statement keeps its date');
END;
CREATE TRIGGER who_actor_update BEFORE UPDATE OF code ON actors BEGIN
	SELECT RAISE(ABORT, 'an actor keeps its code');
END;

INSERT INTO who_pairs SELECT * FROM who_pairs_fresh;
INSERT INTO who_statements SELECT * FROM who_statements_fresh;
INSERT INTO who_kinds SELECT * FROM who_kinds_fresh;
INSERT INTO who_topics SELECT * FROM who_topics_fresh;

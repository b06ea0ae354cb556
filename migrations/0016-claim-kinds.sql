-- The claim kinds as a table that claims.kind references, instead of a
-- CHECK listing them: a new kind is a row added by a migration (the
-- program's own table, src/util/claimkind.h, holds the same rows).
-- accusation marks the kinds that 'who' counts unless told otherwise;
-- the who summary (who_edges and its triggers) reads it here.  Two kinds
-- come with it: sanction (CAMEO 163) and expel (166).
CREATE TABLE claim_kinds (
	name       TEXT PRIMARY KEY CHECK (name <> ''),
	cameo      TEXT NOT NULL CHECK (length(cameo) BETWEEN 2 AND 4
		AND cameo NOT GLOB '*[^0-9]*'),
	accusation INTEGER NOT NULL CHECK (accusation IN (0, 1))
) STRICT, WITHOUT ROWID;
INSERT INTO claim_kinds (name, cameo, accusation) VALUES
	('accuse', '112', 1), ('criticize', '111', 1), ('condemn', '111', 1),
	('complain', '114', 0), ('threaten', '130', 0), ('demand', '100', 0),
	('appeal', '020', 0), ('reject', '120', 0), ('deny', '016', 0),
	('assert', '010', 0), ('support', '051', 0), ('defend', '052', 0),
	('sanction', '163', 0), ('expel', '166', 0);

-- claims made again with the reference in place of the CHECK, as SQLite
-- changes a table: a copy, the old table dropped, the copy renamed (the
-- migration runs with foreign keys off, so the drop keeps the targets
-- and topics, which keep their claims' ids).  The views and triggers
-- that read claims go first and come back after, the who summary's now
-- reading claim_kinds; the full-text index keeps its rows, by id.
DROP TRIGGER who_target_insert;
DROP TRIGGER who_target_delete;
DROP TRIGGER who_topic_insert;
DROP TRIGGER who_topic_delete;
DROP TRIGGER who_statement_delete;
DROP TRIGGER claims_fts_update;

CREATE TABLE claims_new (
	id           INTEGER PRIMARY KEY,
	statement_id INTEGER NOT NULL REFERENCES statements (sid)
		ON DELETE CASCADE,
	seq          INTEGER NOT NULL CHECK (seq >= 0),
	by_id        INTEGER NOT NULL REFERENCES actors (id),
	kind         TEXT NOT NULL REFERENCES claim_kinds (name),
	cameo        TEXT NOT NULL CHECK (length(cameo) BETWEEN 2 AND 4
		AND cameo NOT GLOB '*[^0-9]*'),
	summary      TEXT,
	quote        TEXT,
	date         TEXT CHECK (date IS NULL
		OR date GLOB '[0-9][0-9][0-9][0-9]'
		OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
		OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	method       TEXT NOT NULL CHECK (method IN ('curated', 'rule')),
	statement_lo TEXT,
	cue          TEXT,
	review       TEXT CHECK (review IS NULL
		OR review IN ('reviewed', 'rejected', 'superseded')),
	reviewer     TEXT,
	reviewed_at  TEXT,
	rule_key     TEXT,
	UNIQUE (statement_id, seq)
) STRICT;
INSERT INTO claims_new (id, statement_id, seq, by_id, kind, cameo, summary,
	quote, date, method, statement_lo, cue, review, reviewer, reviewed_at,
	rule_key)
SELECT id, statement_id, seq, by_id, kind, cameo, summary, quote, date,
	method, statement_lo, cue, review, reviewer, reviewed_at, rule_key
FROM claims;
DROP TABLE claims;
PRAGMA legacy_alter_table = ON;
ALTER TABLE claims_new RENAME TO claims;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX claims_by ON claims (by_id, kind);
CREATE INDEX claims_kind ON claims (kind);
CREATE INDEX claims_by_date ON claims (by_id, statement_lo, statement_id);
CREATE INDEX claims_review ON claims (review, statement_id)
	WHERE review IS NOT NULL;

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO claims_fts (rowid, summary, quote)
	VALUES (new.id, new.summary, new.quote);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
	INSERT INTO claims_fts (claims_fts, rowid, summary, quote)
	VALUES ('delete', old.id, old.summary, old.quote);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF summary, quote ON claims
WHEN (SELECT import_id FROM pending) IS NULL
	OR (SELECT import_id FROM statements WHERE sid = old.statement_id)
	IS NOT (SELECT import_id FROM pending) BEGIN
	INSERT INTO claims_fts (claims_fts, rowid, summary, quote)
	VALUES ('delete', old.id, old.summary, old.quote);
	INSERT INTO claims_fts (rowid, summary, quote)
	VALUES (new.id, new.summary, new.quote);
END;

DROP VIEW who_edges;
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
FROM claims c
CROSS JOIN claim_targets ct ON ct.claim_id = c.id
JOIN statements s ON s.sid = c.statement_id
JOIN actors b ON b.id = c.by_id
JOIN actors t ON t.id = ct.actor_id
JOIN (SELECT 0 AS lvl UNION ALL SELECT 1) l
WHERE +c.kind IN (SELECT name FROM claim_kinds WHERE accusation)
AND (c.review IS NULL OR c.review = 'reviewed');

-- Whether a claim is an accusation, for the triggers below: 1, 0, or
-- NULL for no such claim.
CREATE VIEW claim_accusation AS
SELECT c.id AS id, k.accusation AS accusation
FROM claims c JOIN claim_kinds k ON k.name = c.kind;

CREATE TRIGGER who_target_insert AFTER INSERT ON claim_targets
WHEN (SELECT import_id FROM pending) IS NULL
	AND (SELECT accusation FROM claim_accusation
	WHERE id = new.claim_id) BEGIN
	INSERT INTO who_target_added VALUES (new.claim_id, new.actor_id);
END;
CREATE TRIGGER who_target_delete BEFORE DELETE ON claim_targets
WHEN (SELECT accusation FROM claim_accusation WHERE id = old.claim_id) BEGIN
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
	FROM (SELECT lvl, accuser, accused FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id) e
	WHERE who_pairs.lvl = e.lvl AND who_pairs.accuser = e.accuser
	AND who_pairs.accused = e.accused;
	UPDATE who_statements SET n = n - 1
	FROM (SELECT lvl, accuser, accused, sid FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id) e
	WHERE who_statements.lvl = e.lvl
	AND who_statements.accuser = e.accuser
	AND who_statements.accused = e.accused AND who_statements.sid = e.sid;
	UPDATE who_kinds SET n = n - 1
	FROM (SELECT lvl, accuser, accused, kind FROM who_edges
		WHERE cid = old.claim_id AND target_id = old.actor_id) e
	WHERE who_kinds.lvl = e.lvl AND who_kinds.accuser = e.accuser
	AND who_kinds.accused = e.accused AND who_kinds.kind = e.kind;
	UPDATE who_topics SET n = n - 1
	FROM (SELECT e.lvl AS lvl, e.accuser AS accuser,
		e.accused AS accused, p.topic AS topic FROM who_edges e
		JOIN claim_topics p ON p.claim_id = e.cid
		WHERE e.cid = old.claim_id AND e.target_id = old.actor_id) e
	WHERE who_topics.lvl = e.lvl AND who_topics.accuser = e.accuser
	AND who_topics.accused = e.accused AND who_topics.topic = e.topic;
END;
CREATE TRIGGER who_claim_delete BEFORE DELETE ON claims BEGIN
	DELETE FROM claim_targets WHERE claim_id = old.id;
END;
CREATE TRIGGER who_statement_delete BEFORE DELETE ON statements BEGIN
	DELETE FROM claim_targets WHERE claim_id IN (SELECT id FROM claims
		WHERE statement_id = old.sid);
END;
CREATE TRIGGER who_topic_insert AFTER INSERT ON claim_topics
WHEN (SELECT import_id FROM pending) IS NULL
	AND (SELECT accusation FROM claim_accusation
	WHERE id = new.claim_id) BEGIN
	INSERT INTO who_topic_added VALUES (new.claim_id, new.topic);
END;
CREATE TRIGGER who_topic_delete BEFORE DELETE ON claim_topics
WHEN (SELECT accusation FROM claim_accusation WHERE id = old.claim_id) BEGIN
	UPDATE who_topics SET n = n - e.k
	FROM (SELECT lvl, accuser, accused, count(*) AS k FROM who_edges
		WHERE cid = old.claim_id GROUP BY lvl, accuser, accused) e
	WHERE who_topics.lvl = e.lvl AND who_topics.accuser = e.accuser
	AND who_topics.accused = e.accused AND who_topics.topic = old.topic;
END;
CREATE TRIGGER who_claim_update BEFORE UPDATE OF statement_id, by_id, kind
ON claims WHEN EXISTS (SELECT 1 FROM claim_targets WHERE claim_id = old.id)
BEGIN
	SELECT RAISE(ABORT, 'a claim with targets keeps its claimant and kind');
END;
CREATE TRIGGER who_claim_review BEFORE UPDATE OF review ON claims
WHEN EXISTS (SELECT 1 FROM claim_targets WHERE claim_id = old.id) BEGIN
	SELECT RAISE(ABORT, 'a claim with targets keeps its review');
END;

-- The whole schema of a demarche archive: what applying every file of
-- migrations/ in order to an empty database gives (tests/check_db.c proves
-- it, comparing the two by structure and by the words of their SQL, not
-- by layout).  For reading; the program builds archives from the
-- migrations.

-- The whole data model of SPEC section 1: actors and their names, statements,
-- the responses between them, claims with targets and topics, the imports
-- that brought them, and full-text search over both texts.

CREATE TABLE schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
	applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE actors (
	id        INTEGER PRIMARY KEY,
	code      TEXT NOT NULL UNIQUE CHECK (
		code <> '' AND length(code) <= 64
		AND code NOT GLOB '*[^A-Z0-9.-]*'
		AND code NOT GLOB '.*' AND code NOT GLOB '*.'
		AND code NOT GLOB '*..*'),
	name      TEXT NOT NULL CHECK (name <> ''),
	kind      TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('state', 'igo',
		'institution', 'mission', 'ministry', 'agency', 'person',
		'group', 'media', 'other', 'unresolved')),
	-- Nearest actor whose code is a dotted prefix of this one.
	parent_id INTEGER REFERENCES actors (id) ON DELETE SET NULL,
	country   TEXT CHECK (country IS NULL OR (length(country) = 3
		AND country NOT GLOB '*[^A-Z]*'))
) STRICT;
CREATE INDEX actors_parent ON actors (parent_id);
CREATE INDEX actors_kind ON actors (kind);

-- Every name an actor answers to, its own name included, by folded key.
CREATE TABLE aliases (
	folded   TEXT PRIMARY KEY CHECK (folded <> ''),
	actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
	alias    TEXT NOT NULL,
	is_name  INTEGER NOT NULL DEFAULT 0 CHECK (is_name IN (0, 1))
) STRICT, WITHOUT ROWID;
CREATE INDEX aliases_actor ON aliases (actor_id);

CREATE TABLE imports (
	id          INTEGER PRIMARY KEY,
	file        TEXT NOT NULL,
	sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
	started_at  TEXT NOT NULL,
	finished_at TEXT NOT NULL,
	new         INTEGER NOT NULL DEFAULT 0 CHECK (new >= 0),
	updated     INTEGER NOT NULL DEFAULT 0 CHECK (updated >= 0),
	unchanged   INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
	rejected    INTEGER NOT NULL DEFAULT 0 CHECK (rejected >= 0),
	unresolved  INTEGER NOT NULL DEFAULT 0 CHECK (unresolved >= 0)
) STRICT;

-- Dates are ISO 8601 at their known precision; date_lo and date_hi are the
-- first and last day the date covers, so that range filters use an index.
CREATE TABLE statements (
	sid       INTEGER PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE CHECK (id <> ''),
	issuer_id INTEGER NOT NULL REFERENCES actors (id),
	date      TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]'
		OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
		OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	date_lo   TEXT NOT NULL,
	date_hi   TEXT NOT NULL CHECK (date_lo <= date_hi),
	title     TEXT,
	text      TEXT,
	url       TEXT,
	language  TEXT NOT NULL DEFAULT 'en' CHECK (language <> ''),
	kind      TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('declaration',
		'press-release', 'remarks', 'interview', 'social-media',
		'report', 'news-report', 'other')),
	-- Plain-text statements keep their claims coded by rule.
	source    TEXT NOT NULL DEFAULT 'json' CHECK (source IN ('json', 'text')),
	-- SHA-256 of the canonical content, to tell a re-import from a change.
	digest    TEXT NOT NULL CHECK (length(digest) = 64),
	import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX statements_issuer ON statements (issuer_id, date_lo);
CREATE INDEX statements_date ON statements (date_lo, date_hi);
CREATE INDEX statements_kind ON statements (kind, date_lo);
CREATE INDEX statements_import ON statements (import_id);

-- A response may name a statement that is not imported yet: the link is by
-- id and resolves when that statement arrives.
CREATE TABLE responses (
	statement_id INTEGER NOT NULL REFERENCES statements (sid)
		ON DELETE CASCADE,
	responds_to  TEXT NOT NULL CHECK (responds_to <> ''),
	seq          INTEGER NOT NULL,
	PRIMARY KEY (statement_id, responds_to)
) STRICT, WITHOUT ROWID;
CREATE INDEX responses_target ON responses (responds_to);

-- A joint statement's issuers after the first, in the order written
-- (migration 0012); a statement of one issuer has no row here.
CREATE TABLE co_issuers (
	statement_id INTEGER NOT NULL REFERENCES statements (sid)
		ON DELETE CASCADE,
	actor_id     INTEGER NOT NULL REFERENCES actors (id),
	seq          INTEGER NOT NULL CHECK (seq >= 1),
	PRIMARY KEY (statement_id, actor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX co_issuers_actor ON co_issuers (actor_id);

-- The claim kinds: their rows are src/util/claimkind.h's, each inserted
-- by a migration (0016 the first fourteen).  accusation marks those that
-- 'who' counts unless told otherwise.
CREATE TABLE claim_kinds (
	name       TEXT PRIMARY KEY CHECK (name <> ''),
	cameo      TEXT NOT NULL CHECK (length(cameo) BETWEEN 2 AND 4
		AND cameo NOT GLOB '*[^0-9]*'),
	accusation INTEGER NOT NULL CHECK (accusation IN (0, 1))
) STRICT, WITHOUT ROWID;

-- Made again by migration 0016, with the columns that migrations 0004,
-- 0011 and 0014 had added; the index of statement_lo is at the end of
-- the file.  review: a reviewer's decision (see migrations/0014-review.sql).
CREATE TABLE claims (
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
CREATE INDEX claims_by ON claims (by_id, kind);
CREATE INDEX claims_kind ON claims (kind);

CREATE TABLE claim_targets (
	claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	actor_id INTEGER NOT NULL REFERENCES actors (id),
	seq      INTEGER NOT NULL,
	PRIMARY KEY (claim_id, actor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_targets_actor ON claim_targets (actor_id);

CREATE TABLE claim_topics (
	claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	topic    TEXT NOT NULL CHECK (topic <> '' AND topic = lower(topic)),
	seq      INTEGER NOT NULL,
	PRIMARY KEY (claim_id, topic)
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_topics_topic ON claim_topics (topic);

-- The import under way, if any: its statements are indexed for search
-- (and, from migration 0002, summed up for 'who') in bulk at the end of
-- each file, inside its transaction, so the insert triggers leave them
-- alone.  Only the import writes while it is under way, so from migration
-- 0007 the insert triggers test this row alone, without looking up each
-- row's statement.  One row; NULL outside an import.
CREATE TABLE pending (
	import_id INTEGER
) STRICT;

-- Full-text search; the "demarche" tokenizer indexes CJK text as bigrams,
-- and English words also by their stems (migration 0015 indexed the text
-- again with them).
CREATE VIRTUAL TABLE statements_fts USING fts5(title, text,
	content = 'statements', content_rowid = 'sid', tokenize = 'demarche');
CREATE VIRTUAL TABLE claims_fts USING fts5(summary, quote,
	content = 'claims', content_rowid = 'id', tokenize = 'demarche');
-- Each gathers up to 1 MiB of new entries in memory before it writes a
-- segment, and merges segments 16 at a time (migrations 0008 and 0015).
INSERT INTO statements_fts (statements_fts, rank) VALUES ('hashsize', 1048576);
INSERT INTO claims_fts (claims_fts, rank) VALUES ('hashsize', 1048576);
INSERT INTO statements_fts (statements_fts, rank) VALUES ('automerge', 16);
INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', 16);

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements
WHEN (SELECT import_id FROM pending) IS NULL
	OR new.import_id IS NOT (SELECT import_id FROM pending) BEGIN
	INSERT INTO statements_fts (rowid, title, text)
	VALUES (new.sid, new.title, new.text);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
	INSERT INTO statements_fts (statements_fts, rowid, title, text)
	VALUES ('delete', old.sid, old.title, old.text);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF title, text ON statements
WHEN (SELECT import_id FROM pending) IS NULL
	OR old.import_id IS NOT (SELECT import_id FROM pending) BEGIN
	INSERT INTO statements_fts (statements_fts, rowid, title, text)
	VALUES ('delete', old.sid, old.title, old.text);
	INSERT INTO statements_fts (rowid, title, text)
	VALUES (new.sid, new.title, new.text);
END;
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

-- The cross-reference of accusations kept summed up, so that 'who' reads a
-- few rows per pair instead of aggregating every claim.  Triggers keep it
-- exact as claims, targets and topics come and go; 'demarche check'
-- compares it with the *_fresh views, which compute it from scratch.
--
-- An edge is one target of one accusation (the kinds claim_kinds marks),
-- at two levels: 0 between the actors themselves, 1 between
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
FROM claims c
CROSS JOIN claim_targets ct ON ct.claim_id = c.id
JOIN statements s ON s.sid = c.statement_id
JOIN actors b ON b.id = c.by_id
JOIN actors t ON t.id = ct.actor_id
JOIN (SELECT 0 AS lvl UNION ALL SELECT 1) l
WHERE +c.kind IN (SELECT name FROM claim_kinds WHERE accusation)
AND (c.review IS NULL OR c.review = 'reviewed');

-- One row per pair: distinct claims and statements.
CREATE TABLE who_pairs (
	lvl        INTEGER NOT NULL CHECK (lvl IN (0, 1)),
	accuser    TEXT NOT NULL,
	accused    TEXT NOT NULL,
	claims     INTEGER NOT NULL CHECK (claims >= 0),
	statements INTEGER NOT NULL CHECK (statements >= 0), accuser_name TEXT, accused_name TEXT, first_lo TEXT, last_hi TEXT, kinds TEXT, topics TEXT, listing TEXT,
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

-- Whether a claim is an accusation, for the triggers below: 1, 0, or
-- NULL for no such claim.
CREATE VIEW claim_accusation AS
SELECT c.id AS id, k.accusation AS accusation
FROM claims c JOIN claim_kinds k ON k.name = c.kind;

-- Only accusations make edges, so the triggers skip other claims; and
-- the statements of the import under way (see the table pending) are
-- summed up in bulk at the end of each file.
--
-- A new edge: the pair gains the claim unless another target of the same
-- claim already put it there (level 1), and the statement unless one of
-- its edges did.
CREATE VIEW who_target_added AS SELECT claim_id, actor_id FROM claim_targets WHERE 0;
CREATE TRIGGER who_target_added_insert INSTEAD OF INSERT ON who_target_added BEGIN
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
CREATE TRIGGER who_target_insert AFTER INSERT ON claim_targets
WHEN (SELECT import_id FROM pending) IS NULL
	AND (SELECT accusation FROM claim_accusation
	WHERE id = new.claim_id) BEGIN
	INSERT INTO who_target_added VALUES (new.claim_id, new.actor_id);
END;

-- An edge leaving, while its claim and statement still exist: deleting a
-- claim or a statement first deletes its targets, below, since a cascade
-- runs after the parent row is gone.
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

CREATE VIEW who_topic_added AS SELECT claim_id, topic FROM claim_topics WHERE 0;
CREATE TRIGGER who_topic_added_insert INSTEAD OF INSERT ON who_topic_added BEGIN
	INSERT INTO who_topics (lvl, accuser, accused, topic, n)
	SELECT lvl, accuser, accused, new.topic, 1 FROM who_edges
	WHERE cid = new.claim_id
	ON CONFLICT (lvl, accuser, accused, topic) DO UPDATE SET n = n + 1;
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

-- Everything 'who' prints for a pair, kept on the pair's row, so that the
-- whole listing is one walk of the index who_pairs_listing, in the order
-- 'who' prints, with no lookup per pair.  Triggers on the summary tables
-- and on actors keep these columns current; 'demarche check' compares
-- them with who_pairs_fresh, which computes them from the claims.
--
-- first_lo and last_hi carry the first or last day in front of the date
-- as written, as in who_statements.  kinds and topics are sorted and
-- joined by char(31).

-- 'who' reads each pair's printed row as one column, listing, packed
-- from the other columns: the texts and counts in the order printed, each
-- as its length in bytes, ':', its bytes and ',', or as '-,' when NULL,
-- so that any text, separators included, comes back whole.  SQLite's
-- work per column read was most of the cost of a long listing.  The
-- dates go in as written, without the day in front that orders them.
-- The columns it packs stay, for 'demarche check' (which compares them
-- with who_pairs_fresh, and listing with them) and for other tools; a
-- trigger packs them again whenever one of them is set, and a change of
-- the counts marks the pair as touched.  The format is defined once, in
-- src/core/who.h (WHO_PACK, WHO_COLUMNS); this trigger, migration 0009's,
-- is the one text that spells it out again.

CREATE INDEX who_pairs_listing ON who_pairs (lvl, claims DESC, accuser,
	accused, listing);

CREATE TRIGGER who_listing_pack AFTER UPDATE OF accuser_name, accused_name,
	first_lo, last_hi, kinds, topics ON who_pairs BEGIN
	UPDATE who_pairs SET listing =
		length(CAST(new.accuser AS BLOB)) || ':' || new.accuser || ',' ||
		ifnull(length(CAST(new.accuser_name AS BLOB)) || ':' ||
			new.accuser_name || ',', '-,') ||
		length(CAST(new.accused AS BLOB)) || ':' || new.accused || ',' ||
		ifnull(length(CAST(new.accused_name AS BLOB)) || ':' ||
			new.accused_name || ',', '-,') ||
		length(CAST(new.claims AS BLOB)) || ':' || new.claims || ',' ||
		length(CAST(new.statements AS BLOB)) || ':' ||
			new.statements || ',' ||
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

CREATE TRIGGER who_listing_count AFTER UPDATE OF claims, statements
ON who_pairs WHEN new.claims > 0 AND (new.claims <> old.claims
	OR new.statements <> old.statements) BEGIN
	INSERT INTO who_dirty (lvl, accuser, accused)
	SELECT new.lvl, new.accuser, new.accused FROM pending
	WHERE import_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM who_dirty d
		WHERE d.lvl = new.lvl AND d.accuser = new.accuser
		AND d.accused = new.accused);
	INSERT INTO who_touched SELECT new.lvl, new.accuser, new.accused
	FROM pending WHERE import_id IS NULL;
END;
CREATE TRIGGER who_listing_pair AFTER INSERT ON who_pairs
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;
CREATE TRIGGER who_listing_statement_insert AFTER INSERT ON who_statements
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;
CREATE TRIGGER who_listing_statement_delete AFTER DELETE ON who_statements
BEGIN
	INSERT INTO who_touched VALUES (old.lvl, old.accuser, old.accused);
END;
CREATE TRIGGER who_listing_kind_insert AFTER INSERT ON who_kinds
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
	INSERT INTO who_touched VALUES (new.lvl, new.accuser, new.accused);
END;
CREATE TRIGGER who_listing_kind_delete AFTER DELETE ON who_kinds BEGIN
	INSERT INTO who_touched VALUES (old.lvl, old.accuser, old.accused);
END;
CREATE TRIGGER who_listing_topic_insert AFTER INSERT ON who_topics
WHEN (SELECT import_id FROM pending) IS NULL BEGIN
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

-- Claims carry the first day of their statement's date, so that the
-- claims an actor made within a date range are found through one index
-- (statements --actor or claims --by with --from and --to) instead of
-- looking for the actor among the claimants of every statement of the
-- range.  A statement keeps its date (trigger who_statement_update) and
-- its claims are inserted with it, so the copy stays true; 'demarche
-- check' compares the two.
CREATE INDEX claims_by_date ON claims (by_id, statement_lo, statement_id);

-- A summary row emptied removes itself (migration 0003).
CREATE TRIGGER who_pair_emptied AFTER UPDATE OF claims ON who_pairs
WHEN new.claims = 0 BEGIN
	DELETE FROM who_pairs WHERE lvl = new.lvl AND accuser = new.accuser
	AND accused = new.accused;
END;
CREATE TRIGGER who_statement_emptied AFTER UPDATE OF n ON who_statements
WHEN new.n = 0 BEGIN
	DELETE FROM who_statements WHERE lvl = new.lvl
	AND accuser = new.accuser AND accused = new.accused AND sid = new.sid;
END;
CREATE TRIGGER who_kind_emptied AFTER UPDATE OF n ON who_kinds
WHEN new.n = 0 BEGIN
	DELETE FROM who_kinds WHERE lvl = new.lvl AND accuser = new.accuser
	AND accused = new.accused AND kind = new.kind;
END;
CREATE TRIGGER who_topic_emptied AFTER UPDATE OF n ON who_topics
WHEN new.n = 0 BEGIN
	DELETE FROM who_topics WHERE lvl = new.lvl AND accuser = new.accuser
	AND accused = new.accused AND topic = new.topic;
END;

-- The feeds that 'import --feed' follows: what the server said of the
-- feed last time (its ETag and Last-Modified, sent back so that an
-- unchanged feed costs one short answer) and the items already fetched,
-- so that a run from cron fetches only the new ones.
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	etag          TEXT,
	last_modified TEXT,
	checked_at    TEXT NOT NULL
);
CREATE TABLE feed_items (
	feed    TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
	item    TEXT NOT NULL,	-- its guid or id, else its link
	seen_at TEXT NOT NULL,
	PRIMARY KEY (feed, item)
) WITHOUT ROWID;

-- A decision on a claim with targets moves them out and back in, so
-- that the summary sees the edges leave or come; rejected and superseded
-- claims make no edges (who_edges).  Migration 0014.
CREATE TRIGGER who_claim_review BEFORE UPDATE OF review ON claims
WHEN EXISTS (SELECT 1 FROM claim_targets WHERE claim_id = old.id) BEGIN
	SELECT RAISE(ABORT, 'a claim with targets keeps its review');
END;

-- Claims a reviewer decided on, by statement.
CREATE INDEX claims_review ON claims (review, statement_id)
	WHERE review IS NOT NULL;

-- The claims in force counted per statement date and kind (migration
-- 0017), so that 'timeline' without a filter on actors, topics or methods reads a row
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

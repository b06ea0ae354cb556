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

CREATE TABLE claims (
	id           INTEGER PRIMARY KEY,
	statement_id INTEGER NOT NULL REFERENCES statements (sid)
		ON DELETE CASCADE,
	seq          INTEGER NOT NULL CHECK (seq >= 0),
	by_id        INTEGER NOT NULL REFERENCES actors (id),
	kind         TEXT NOT NULL CHECK (kind IN ('accuse', 'criticize',
		'condemn', 'complain', 'threaten', 'demand', 'appeal',
		'reject', 'deny', 'assert', 'support', 'defend')),
	cameo        TEXT NOT NULL CHECK (length(cameo) BETWEEN 2 AND 4
		AND cameo NOT GLOB '*[^0-9]*'),
	summary      TEXT,
	quote        TEXT,
	date         TEXT CHECK (date IS NULL
		OR date GLOB '[0-9][0-9][0-9][0-9]'
		OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
		OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	method       TEXT NOT NULL CHECK (method IN ('curated', 'rule')),
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

-- Full-text search; the "demarche" tokenizer indexes CJK text as bigrams.
CREATE VIRTUAL TABLE statements_fts USING fts5(title, text,
	content = 'statements', content_rowid = 'sid', tokenize = 'demarche');
CREATE VIRTUAL TABLE claims_fts USING fts5(summary, quote,
	content = 'claims', content_rowid = 'id', tokenize = 'demarche');

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
	INSERT INTO statements_fts (rowid, title, text)
	VALUES (new.sid, new.title, new.text);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
	INSERT INTO statements_fts (statements_fts, rowid, title, text)
	VALUES ('delete', old.sid, old.title, old.text);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF title, text ON statements
BEGIN
	INSERT INTO statements_fts (statements_fts, rowid, title, text)
	VALUES ('delete', old.sid, old.title, old.text);
	INSERT INTO statements_fts (rowid, title, text)
	VALUES (new.sid, new.title, new.text);
END;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
	INSERT INTO claims_fts (rowid, summary, quote)
	VALUES (new.id, new.summary, new.quote);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
	INSERT INTO claims_fts (claims_fts, rowid, summary, quote)
	VALUES ('delete', old.id, old.summary, old.quote);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF summary, quote ON claims
BEGIN
	INSERT INTO claims_fts (claims_fts, rowid, summary, quote)
	VALUES ('delete', old.id, old.summary, old.quote);
	INSERT INTO claims_fts (rowid, summary, quote)
	VALUES (new.id, new.summary, new.quote);
END;

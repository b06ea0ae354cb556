-- A joint statement's issuers after the first ("Foreign Ministers of
-- Australia, Canada and New Zealand"), in the order written: the first
-- stays statements.issuer_id, so a statement of one issuer, the common
-- case, has no row here.  Each co-issuer is a claimant of its own (the
-- import writes the claims the issuers make together once per issuer).
CREATE TABLE co_issuers (
	statement_id INTEGER NOT NULL REFERENCES statements (sid)
		ON DELETE CASCADE,
	actor_id     INTEGER NOT NULL REFERENCES actors (id),
	seq          INTEGER NOT NULL CHECK (seq >= 1),
	PRIMARY KEY (statement_id, actor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX co_issuers_actor ON co_issuers (actor_id);

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

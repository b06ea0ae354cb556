/*
 * What the archive keeps of the feeds it follows (migration 0012): the
 * validators the server gave for each feed, and the items fetched.
 */
#ifndef DM_FEEDS_H
#define DM_FEEDS_H

struct db;

/* The feed's ETag and Last-Modified as last kept ("" when none). */
int	feeds_validators(struct db *db, const char *url, char etag[256],
	    char last_modified[64]);
/* Notes that the feed was checked, keeping its validators as they are. */
int	feeds_checked(struct db *db, const char *url);
/* Keeps the feed's validators, for the next conditional request. */
int	feeds_keep_validators(struct db *db, const char *url,
	    const char *etag, const char *last_modified);
/* 1 if the item was fetched by an earlier run, else 0; or DM_ERROR. */
int	feeds_item_seen(struct db *db, const char *url, const char *item);
/* Notes the item as fetched. */
int	feeds_item_keep(struct db *db, const char *url, const char *item);

#endif

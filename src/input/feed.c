/*
 * Feeds (RSS 2.0 and Atom): the items not fetched before, each imported
 * as a URL, one transaction per page.  The XML is read by libxml2 with
 * the network off and no entity loaded or expanded: a feed that declares
 * entities is refused, which stops XXE and billion-laughs alike.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "archive.h"
#include "error.h"
#include "feeds.h"
#include "fetch.h"
#include "html.h"
#include "reader.h"
#include "xmllib.h"

/* One item of a feed: what names it, and the page it links to. */
struct item {
	char *key;	/* guid or id, else the link */
	char *link;	/* absolute */
};

struct items {
	struct item *v;
	size_t       n, cap;
};

static int
is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The element's own text (entity references are not followed). */
static char *
text_of(xmlNode *n)
{
	xmlChar *s = NULL, *t;

	for (n = n->children; n != NULL; n = n->next)
		if ((n->type == XML_TEXT_NODE || n->type ==
		    XML_CDATA_SECTION_NODE) && n->content != NULL) {
			t = lx.str_cat(s, n->content);
			if (t == NULL) {
				lx_free(s);
				return NULL;
			}
			s = t;
		}
	return (char *)s;
}

/* An Atom entry's page: its link rel=alternate, or with no rel. */
static char *
atom_link(xmlNode *n)
{
	xmlChar *rel, *href;

	for (n = n->children; n != NULL; n = n->next) {
		if (!is(n, "link"))
			continue;
		rel = lx.get_prop(n, (const xmlChar *)"rel");
		if (rel == NULL || strcmp((char *)rel, "alternate") == 0) {
			lx_free(rel);
			if ((href = lx.get_prop(n, (const xmlChar *)"href")))
				return (char *)href;
		}
		lx_free(rel);
	}
	return NULL;
}

/* Adds the item of element n (an RSS item or an Atom entry). */
static int
add_item(struct items *list, xmlNode *n, int atom, const char *base)
{
	char *key = NULL, *link = atom ? atom_link(n) : NULL;
	xmlChar *abs;
	xmlNode *c;
	void *p;

	for (c = n->children; c != NULL; c = c->next)
		if (!atom && is(c, "link") && link == NULL)
			link = text_of(c);
		else if ((is(c, atom ? "id" : "guid")) && key == NULL)
			key = text_of(c);
	if (link != NULL && (abs = lx.build_uri((xmlChar *)link,
	    (const xmlChar *)base)) != NULL) {
		lx_free(link);
		link = (char *)abs;
	}
	if (link == NULL || !fetch_is_url(link)) {
		lx_free(key);
		lx_free(link);
		return dm_error(DM_EINVALID, "an item with no http(s) link");
	}
	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 32;
		if ((p = realloc(list->v, list->cap * sizeof(*list->v))) ==
		    NULL)
			return dm_error(DM_ERROR, "out of memory");
		list->v = p;
	}
	list->v[list->n].key = key ? key : (char *)lx.str_dup((xmlChar *)link);
	list->v[list->n++].link = link;
	return 0;
}

static void
items_free(struct items *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		lx_free(list->v[i].key);
		lx_free(list->v[i].link);
	}
	free(list->v);
}

/* The items of a parsed feed, in the feed's order. */
static int
feed_items(xmlDoc *doc, const char *url, struct items *list)
{
	xmlNode *root = lx.root(doc), *n;
	int atom, rc;

	if (root == NULL)
		return dm_error(DM_EINVALID, "not a feed (empty)");
	atom = is(root, "feed");
	if (is(root, "rss")) {
		for (n = root->children; n != NULL && !is(n, "channel");
		    n = n->next)
			;
		root = n;
	} else if (!atom)
		return dm_error(DM_EINVALID, "not a feed (<%s>, not <rss> "
		    "or Atom <feed>)", (const char *)root->name);
	if (root == NULL)
		return dm_error(DM_EINVALID, "not a feed (an <rss> without "
		    "<channel>)");
	for (n = root->children; n != NULL; n = n->next)
		if (is(n, atom ? "entry" : "item") &&
		    (rc = add_item(list, n, atom, url)) != 0)
			return rc;
	return 0;
}

static int
parse_feed(const struct fetch_response *res, const char *url,
    struct items *list)
{
	xmlDoc *doc;
	int rc;

	/* No network, no DTD loaded, entities left as they are. */
	doc = lx.read_xml(res->body, (int)res->len, url, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		const xmlError *e = lx.last_error();

		return dm_error(DM_EINVALID, "a malformed feed (line %d: %.*s)",
		    e ? e->line : 0, e && e->message ? (int)strcspn(e->message,
		    "\n") : 0, e && e->message ? e->message : "");
	}
	if (doc->intSubset != NULL && doc->intSubset->entities != NULL)
		rc = dm_error(DM_EINVALID, "a feed that declares entities is "
		    "refused");
	else
		rc = feed_items(doc, url, list);
	lx.free_doc(doc);
	return rc;
}

/* Imports the item: 0, or the error that ends the run. */
static int
import_item(dm_archive *a, const char *url, const struct item *it,
    const struct dm_import_options *opt, struct dm_import_counts *counts,
    int64_t *items)
{
	int64_t rejected = counts->rejected;
	int rc;

	if ((rc = feeds_item_seen(a->db, url, it->key)) != 0)
		return rc == 1 ? 0 : rc;
	++*items;
	if ((rc = dm_import_file(a, it->link, opt, counts)) == 0)
		return feeds_item_keep(a->db, url, it->key);
	if (rc == DM_ERROR || !(opt->flags & DM_IMPORT_KEEP_GOING))
		return rc;
	/* Not kept as seen: the next run tries it again. */
	if (counts->rejected == rejected)
		counts->rejected++;
	if (opt->report)
		opt->report(opt->ctx, DM_REPORT_REJECTED, dm_error_last());
	return 0;
}

int
dm_import_feed(dm_archive *a, const char *url,
    const struct dm_import_options *opt, struct dm_import_counts *counts,
    int64_t *items)
{
	struct fetch_request req;
	struct fetch_response res;
	struct items list;
	int64_t rejected = counts->rejected;
	char etag[256], modified[64];
	size_t i;
	int rc;

	if (!fetch_is_url(url))
		return dm_error(DM_EINVALID, "%s: a feed is an http(s) URL",
		    url);
	if ((rc = xmllib_load()) != 0 ||
	    (rc = feeds_validators(a->db, url, etag, modified)) != 0 ||
	    (rc = feeds_checked(a->db, url)) != 0)
		return rc;
	import_fetch_request(&req, url, opt);
	req.etag = etag;
	req.last_modified = modified;
	if ((rc = fetch(&req, &res)) != 0)
		return dm_error(rc, "%s: %s", url, dm_error_last());
	memset(&list, 0, sizeof(list));
	if (res.status == 200 && (rc = parse_feed(&res, url, &list)) != 0)
		rc = dm_error(rc, "%s: %s", url, dm_error_last());
	for (i = 0; rc == 0 && i < list.n; i++)
		rc = import_item(a, url, &list.v[i], opt, counts, items);
	/* Validators kept only once every item is in: else ask again. */
	if (rc == 0 && res.status == 200 && counts->rejected == rejected)
		rc = feeds_keep_validators(a->db, url, res.etag,
		    res.last_modified);
	items_free(&list);
	fetch_response_free(&res);
	return rc;
}

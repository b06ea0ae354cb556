/*
 * libxml2, loaded on the first page or feed parsed rather than linked:
 * linked, it and the ICU and C++ libraries it brings cost every command
 * 8 more libraries to load before main().  Its headers give the types;
 * its functions are called through lx, which xmllib_load fills, and its
 * node trees are read as plain structures.
 */
#ifndef DM_XMLLIB_H
#define DM_XMLLIB_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

/* The functions html.c and feed.c call, typed as libxml2 declares them. */
typedef xmlChar		*xl_get_prop_fn(const xmlNode *, const xmlChar *);
typedef xmlNode		*xl_root_fn(const xmlDoc *);
typedef xmlChar		*xl_content_fn(const xmlNode *);
typedef void		 xl_free_doc_fn(xmlDoc *);
typedef xmlChar		*xl_build_uri_fn(const xmlChar *, const xmlChar *);
typedef xmlChar		*xl_strdup_fn(const xmlChar *);
typedef xmlChar		*xl_strcat_fn(xmlChar *, const xmlChar *);
typedef xmlDoc		*xl_read_fn(const char *, int, const char *,
			    const char *, int);
typedef xmlError	*xl_last_error_fn(void);
typedef htmlDocPtr	 xl_html_read_fn(const char *, int, const char *,
			    const char *, int);

extern struct xmllib {
	xl_get_prop_fn		*get_prop;
	xl_root_fn		*root;
	xl_content_fn		*content;
	xl_free_doc_fn		*free_doc;
	xl_build_uri_fn		*build_uri;
	xl_strdup_fn		*str_dup;
	xl_strcat_fn		*str_cat;
	xl_read_fn		*read_xml;
	xl_last_error_fn	*last_error;
	xl_html_read_fn		*read_html;
	/*
	 * The variable xmlFree, which this libxml2 (built without
	 * per-thread allocators) keeps global: what frees its strings.
	 */
	xmlFreeFunc		*free_mem;
} lx;

/* Loads libxml2 once: 0, or DM_ERROR naming the package to install. */
int	xmllib_load(void);

/* Frees what libxml2 allocated (NULL too), as xmlFree does. */
#define lx_free(p)	((*lx.free_mem)(p))

#endif

#include "dynlib.h"
#include "xmllib.h"

#ifdef LIBXML_THREAD_ALLOC_ENABLED
#error "xmlFree is per-thread in this libxml2: load __xmlFree instead"
#endif

/* Each pointer has the type of the function libxml2's header declares. */
#define CHECKED(fn, type) \
	_Static_assert(_Generic((fn), type *: 1, default: 0), #fn)
CHECKED(xmlGetProp, xl_get_prop_fn);
CHECKED(xmlDocGetRootElement, xl_root_fn);
CHECKED(xmlNodeGetContent, xl_content_fn);
CHECKED(xmlFreeDoc, xl_free_doc_fn);
CHECKED(xmlBuildURI, xl_build_uri_fn);
CHECKED(xmlStrdup, xl_strdup_fn);
CHECKED(xmlStrcat, xl_strcat_fn);
CHECKED(xmlReadMemory, xl_read_fn);
CHECKED(xmlGetLastError, xl_last_error_fn);
CHECKED(htmlReadMemory, xl_html_read_fn);
_Static_assert(_Generic(&xmlFree, xmlFreeFunc *: 1, default: 0), "xmlFree");

struct xmllib lx;

int
xmllib_load(void)
{
	const struct dynlib_sym syms[] = {
		{ "xmlGetProp", (void **)&lx.get_prop },
		{ "xmlDocGetRootElement", (void **)&lx.root },
		{ "xmlNodeGetContent", (void **)&lx.content },
		{ "xmlFreeDoc", (void **)&lx.free_doc },
		{ "xmlBuildURI", (void **)&lx.build_uri },
		{ "xmlStrdup", (void **)&lx.str_dup },
		{ "xmlStrcat", (void **)&lx.str_cat },
		{ "xmlReadMemory", (void **)&lx.read_xml },
		{ "xmlGetLastError", (void **)&lx.last_error },
		{ "htmlReadMemory", (void **)&lx.read_html },
		{ "xmlFree", (void **)&lx.free_mem } };

	return dynlib_load("libxml2.so.2", "libxml2", syms,
	    sizeof(syms) / sizeof(syms[0]));
}

#include "dynlib.h"
#include "xmllib.h"

#ifdef LIBXML_THREAD_ALLOC_ENABLED
#error "xmlFree is per-thread in this libxml2: load __xmlFree instead"
#endif

/* Each pointer has the type of the function libxml2's header declares. */
DYNLIB_TYPED(xmlGetProp, xl_get_prop_fn);
DYNLIB_TYPED(xmlDocGetRootElement, xl_root_fn);
DYNLIB_TYPED(xmlNodeGetContent, xl_content_fn);
DYNLIB_TYPED(xmlFreeDoc, xl_free_doc_fn);
DYNLIB_TYPED(xmlBuildURI, xl_build_uri_fn);
DYNLIB_TYPED(xmlStrdup, xl_strdup_fn);
DYNLIB_TYPED(xmlStrcat, xl_strcat_fn);
DYNLIB_TYPED(xmlReadMemory, xl_read_fn);
DYNLIB_TYPED(xmlGetLastError, xl_last_error_fn);
DYNLIB_TYPED(htmlReadMemory, xl_html_read_fn);
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

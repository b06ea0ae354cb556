/* The input formats, in the order they are asked to recognise a file. */
#include <stddef.h>

#include "reader.h"

const struct reader *const readers[] = {
	&reader_html,
	&reader_text,
	&reader_json,		/* last: takes anything */
	NULL
};

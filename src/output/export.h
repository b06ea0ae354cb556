/* What export.c offers the rest of the core. */
#ifndef DM_EXPORT_H
#define DM_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "demarche.h"

/*
 * Writes, in the import format and without an actors line, every
 * statement whose claims the coder made: plain-text statements and those
 * with rule claims.  *n receives how many.
 */
int	export_coded(dm_archive *a, FILE *fp, int64_t *n);

#endif

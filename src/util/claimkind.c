#include <stdio.h>
#include <string.h>

#include "claimkind.h"
#include "demarche.h"
#include "error.h"
#include "names.h"

#define ROW(name, cameo, accusation, color, help)			\
	{ #name, cameo, accusation, color, help },
const struct claim_kind claim_kinds[CLAIM_KIND__MAX] = {
	CLAIM_KINDS(ROW)
};
#undef ROW

#define NAME(name, ...)	#name,
const char *const claim_kind_names[CLAIM_KIND__MAX + 1] = {
	CLAIM_KINDS(NAME) NULL
};
#undef NAME

const struct claim_kind *
claim_kind_find(const char *name)
{
	int i = names_find(claim_kind_names, name);

	return i < 0 ? NULL : &claim_kinds[i];
}

const char *
claim_kind_cameo(const char *name)
{
	const struct claim_kind *k = claim_kind_find(name);

	return k == NULL ? NULL : k->cameo;
}

const struct claim_kind *
claim_kind_lexicon(const char *name, const char *cameo, size_t lineno)
{
	const struct claim_kind *k;
	char names[256];

	if ((k = claim_kind_find(name)) == NULL)
		dm_error(DM_EINVALID, "lexicon line %zu: no claim kind '%s' "
		    "(%s)", lineno, name, names_join(names, sizeof(names),
		    claim_kind_names));
	else if (strcmp(cameo, "-") != 0)
		dm_error(DM_EINVALID, "lexicon line %zu: kind '%s' takes its "
		    "CAMEO code %s from the claim kinds, not '%s'", lineno,
		    name, k->cameo, cameo);
	else
		return k;
	return NULL;
}

/* The accusations joined by ',', framed by one more at each end. */
static const char *
accusations(char *buf, size_t len, int framed)
{
	size_t i, n = 0, k = 0;

	if (len == 0)
		return buf;
	*buf = '\0';
	for (i = 0; i < CLAIM_KIND__MAX && n < len; i++)
		if (claim_kinds[i].accusation)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
			    framed || k++ > 0 ? "," : "", claim_kinds[i].name);
	if (framed && n < len)
		snprintf(buf + n, len - n, ",");
	return buf;
}

const char *
claim_kind_accusations(char *buf, size_t len)
{
	return accusations(buf, len, 1);
}

const char *
claim_kind_accusation_list(char *buf, size_t len)
{
	return accusations(buf, len, 0);
}

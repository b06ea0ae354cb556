/*
 * The gazetteer demarche ships (schema/gazetteer.tsv, built in): every
 * ISO 3166-1 state, the main international organisations and their
 * bodies, and the institutions of the reference example.
 */
#ifndef DM_GAZETTEER_H
#define DM_GAZETTEER_H

struct store;

/* The columns of schema/gazetteer.tsv. */
enum gaz_field { GAZ_CODE, GAZ_NAME, GAZ_KIND, GAZ_COUNTRY, GAZ_ALIASES,
	GAZ__MAX };

/*
 * Calls fn with the columns of each actor line, in place in a copy that
 * lasts for the call (aliases ';'-joined), until fn returns non-zero;
 * returns that, or 0.  A malformed line is DM_ERROR naming it.
 */
int	gazetteer_each(int (*fn)(void *ctx, char *f[GAZ__MAX], int lineno),
	    void *ctx);

/*
 * Adds every gazetteer actor that is missing and every alias no actor
 * holds yet, counting them in *actors and *aliases.  The caller owns the
 * transaction.
 */
int	gazetteer_load(struct store *s, int *actors, int *aliases);

/* 1 if the gazetteer defines an actor with this code, else 0. */
int	gazetteer_defines(const char *code);

#endif

/*
 * The gazetteer demarche ships (schema/gazetteer.tsv, built in): every
 * ISO 3166-1 state, the main international organisations and their
 * bodies, and the institutions of the reference example.
 */
#ifndef DM_GAZETTEER_H
#define DM_GAZETTEER_H

struct store;

/*
 * Adds every gazetteer actor that is missing and every alias no actor
 * holds yet, counting them in *actors and *aliases.  The caller owns the
 * transaction.
 */
int	gazetteer_load(struct store *s, int *actors, int *aliases);

/* 1 if the gazetteer defines an actor with this code, else 0. */
int	gazetteer_defines(const char *code);

#endif

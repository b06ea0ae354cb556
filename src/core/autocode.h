/*
 * Runs the rule-based coder (src/coder/) over a statement's text and adds
 * what it proposes to the statement as claims of method "rule".
 */
#ifndef DM_AUTOCODE_H
#define DM_AUTOCODE_H

struct arena;
struct statement_in;
struct store;
struct autocode;

/* A coder that knows every name and alias in the archive. */
int	autocode_new(struct autocode **out, struct store *s);
void	autocode_free(struct autocode *ac);

/*
 * Appends the coder's claims for st->text to st->claims, allocated in ar.
 * A news report speaks for nobody: only claims it attributes are kept.
 */
int	autocode_statement(struct autocode *ac, struct statement_in *st,
	    struct arena *ar);

#endif

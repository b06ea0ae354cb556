/*
 * The claim kinds of SPEC section 1, in one table: everything else that
 * knows a kind (import and the lexicons' validation, the help, who's
 * default accusations, the graph's colours, the CAMEO code of a claim
 * without one) reads it from here.  The archive holds the same rows in
 * its table claim_kinds, which claims.kind references; a migration adds
 * each row there (tests/check_db.c compares the two).
 *
 * Adding a kind: a row below and a migration inserting it into
 * claim_kinds.
 */
#ifndef DM_CLAIMKIND_H
#define DM_CLAIMKIND_H

#include <stddef.h>

/*
 * One row per kind, the gravest first (an edge of the graph with several
 * kinds takes the colour of the gravest):
 *	name, CAMEO code, counts as an accusation unless --kind says
 *	otherwise, colour in the graph, what a claim of the kind says.
 */
#define CLAIM_KINDS(K)							\
	K(sanction, "163", 0, "#e7298a",				\
	    "imposes or announces sanctions, counter-sanctions, entry bans") \
	K(expel, "166", 0, "#01665e",					\
	    "expels or withdraws diplomats or personnel")		\
	K(condemn, "111", 1, "#8c1010", "condemns an act or its author") \
	K(accuse, "112", 1, "#d62f1f", "accuses someone of wrongdoing")	\
	K(criticize, "111", 1, "#ef8a17", "criticizes or denounces")	\
	K(threaten, "130", 0, "#6a3d9a", "threatens consequences")	\
	K(complain, "114", 0, "#a6611a",				\
	    "complains officially, protests, makes representations")	\
	K(demand, "100", 0, "#1f78b4", "demands that someone act")	\
	K(reject, "120", 0, "#4d4d4d", "rejects or refuses")		\
	K(deny, "016", 0, "#878787", "denies an accusation")		\
	K(appeal, "020", 0, "#2c9c3a", "appeals or hopes")		\
	K(assert, "010", 0, "#5ea3d6", "asserts a position (sovereignty)") \
	K(support, "051", 0, "#1a7f4b", "supports, praises or endorses") \
	K(defend, "052", 0, "#6cbf5b", "defends someone's conduct")

struct claim_kind {
	const char	*name;
	const char	*cameo;		/* digits */
	int		 accusation;	/* 1 if who counts it by default */
	const char	*color;		/* #rrggbb */
	const char	*help;
};

#define CLAIM_KIND_ENUM(name, ...)	CLAIM_KIND_##name,
enum { CLAIM_KINDS(CLAIM_KIND_ENUM) CLAIM_KIND__MAX };
#undef CLAIM_KIND_ENUM

/* The rows above, in their order. */
extern const struct claim_kind claim_kinds[CLAIM_KIND__MAX];

/* Their names, in the same order, NULL-terminated (util/names.h). */
extern const char *const claim_kind_names[CLAIM_KIND__MAX + 1];

/* The row of the kind called name, or NULL. */
const struct claim_kind	*claim_kind_find(const char *name);

/* The CAMEO code of the kind called name, or NULL. */
const char		*claim_kind_cameo(const char *name);

/*
 * The kind a "kind" line of a coder's lexicon names (src/coder/
 * lexicon-*.tsv): one of the rows above, with '-' in the CAMEO column,
 * since the code is the row's.  Returns the row, or NULL after a message
 * naming the line.
 */
const struct claim_kind	*claim_kind_lexicon(const char *name,
			    const char *cameo, size_t lineno);

/*
 * The accusations as ",a,b,c," (the form a --kind list is matched in),
 * in buf of len bytes; returns buf.
 */
const char		*claim_kind_accusations(char *buf, size_t len);

/* The same as a --kind list names them: "a,b,c". */
const char		*claim_kind_accusation_list(char *buf, size_t len);

#endif

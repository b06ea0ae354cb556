/*
 * The coder's insides, shared by the files of src/coder/: its tables,
 * the state of a run and the functions one stage calls in another.
 * The API is src/coder.h.
 */
#ifndef DM_CODER_INT_H
#define DM_CODER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "claimkind.h"
#include "coder.h"
#include "date.h"

#define WORD_MAX	128	/* longest folded word the lexicon can hold */
#define PHRASE_MAX	24	/* words in one pattern */
#define TAIL_MAX	4	/* words after a pattern's gap */
#define GAP_MAX		8	/* words a pattern's gap spans */
#define SENT_MAX	250	/* longer "sentences" are lists or junk */
#define RECENT_MAX	32	/* actors remembered for "the mission" */
#define TARGET_MAX	16
#define TOPIC_MAX	8
#define CAND_MAX	32
#define NEG_WINDOW	4	/* words before a cue that may negate it */
#define LINE_LONG	100	/* longer lines: one paragraph a line */
#define REFERENT_BACK	3	/* sentences where "this" may find its actor */
/* Ranks of claims by their cue: the lower, the surer. */
#define RANK_VERB	0
#define RANK_ADJ	1
#define RANK_NOUN	2
#define RANK_CONDUCT	3
#define RANK_ASSERT	4	/* kinds without targets */

/* Classes of lexicon patterns, in the order of cls_names. */
enum cls {
	C_VERB, C_NOUN, C_ADJ, C_CONDUCT, C_STANCE, C_MISDEED, C_OWN, C_TOPIC,
	C_NEG, C_HEDGE, C_SPEECH,
	C_ACCORDING, C_LIGHT, C_INST, C_TITLE, C_HONOR, C_GROUP, C_SUBJPREP,
	C_COLLECTIVE, C_GMOD, C_QUANT, C_DEMSUF,
	C_DEMONYM, C_FIRST, C_PRON3, C_AUX, C_DET, C_PREP, C_VICTIM, C_BE,
	C_STOP, C_STARTER, C_ABBREV, C_ABBREVNUM, C_MONTH, C_WEEKDAY, C_DATE,
	C_QUESTION, C_OFFICE, C_REFERENT, C_POSSDET, C_PEOPLE, C_CONTACT,
	C_PURPOSE, C_ANAPHOR, C_ABOUT, C_ACTOR, C__MAX
};

/* Pattern flags, for actor names. */
#define PF_CAP		0x01	/* written capitalised: matches capitals */
#define PF_ACRONYM	0x02	/* short upper-case: matches upper case */
#define PF_DEMONYM	0x04	/* one word shaped like a demonym */

struct pattern {
	int		 cls;
	int		 nw;
	int		 w[PHRASE_MAX];	/* word ids */
	int		 ntail;		/* words that must follow the object */
	int		 tail[TAIL_MAX];	/* ("hold ~ to account") */
	int		 kind;		/* cue kind, or -1 */
	const char	*val;		/* code, slug, tag, number or date op */
	const char	*cameo;		/* cue or topic code, or NULL */
	unsigned	 flags;
	int		 next;		/* next one with the same first word */
};

struct word {
	char	*s;
	int	 head;		/* first pattern starting with it, or -1 */
};

struct kind {
	const char	*name;
	const char	*cameo;
	int		 need_target;	/* dropped without a target */
	int		 no_target;	/* targets never looked for */
	int		 from;		/* "demanded an apology from X" */
	int		 answer;	/* aimed at what the text answers */
	int		 content;	/* what follows its cue is asked for */
	int		 hostile;	/* a claim against its target */
	int		 follows;	/* without a target, aimed at the target
					   of its claimant's hostile claim in
					   the same sentence */
	int		 parent;	/* may be aimed at the claimant's own
					   organisation */
	int		 about;		/* "to X about Y": Y, not X */
};

#define KIND_MAX	CLAIM_KIND__MAX

struct coder {
	struct word	*words;
	size_t		 nwords, capwords;
	int		*slots;		/* hash of words: index or -1 */
	size_t		 nslots;
	struct pattern	*pats;
	size_t		 npats, cappats;
	struct kind	 kinds[KIND_MAX];
	size_t		 nkinds;
	char		**strs;		/* every string the coder owns */
	size_t		 nstrs, capstrs;
	const char	**codes;	/* distinct actor codes */
	size_t		 ncodes, capcodes;
	int		*demsuf;	/* words of the demonyms' suffixes */
	size_t		 ndemsuf;
	int		 w_that, w_which, w_who, w_and, w_or, w_but, w_by;
	int		 w_as, w_well, w_in, w_the, w_comma, w_including;
	int		 w_it, w_they, w_he, w_she, w_to, w_from, w_of;
	struct zh_coder	*zh;		/* the coder of Chinese texts */
};

/* Token flags. */
#define T_CAP		0x001	/* first letter upper case */
#define T_ALLCAPS	0x002	/* every letter upper case */
#define T_POSS		0x004	/* followed by 's or s' */
#define T_NUM		0x008	/* starts with a digit */
#define T_LINE		0x010	/* a newline before it */
#define T_PARA		0x020	/* a blank line before it */
#define T_SPACE		0x040	/* white space before it */
#define T_HANDLE	0x080	/* an @handle */

struct tok {
	size_t	 off;		/* first byte */
	size_t	 len;		/* bytes as written, without a possessive */
	size_t	 end;		/* byte after it, possessive included */
	int	 wid;		/* word id, or -1 when not in the lexicon */
	int32_t	 cp;		/* code point of punctuation, 0 for a word */
	unsigned flags;
};

struct sent {
	int	a, b;		/* tokens [a, b) */
	int	block;		/* blank-line separated block */
	int	sig;		/* speaker from a signature line, or -1 */
	int	topic;		/* its first actor outside quotes, or -1 */
	int	question;	/* part of a question put to the speaker */
};

enum mtype {
	M_ACTOR,	/* names an actor */
	M_ADJ,		/* a demonym qualifying a noun: only its owner */
	M_TEXT,		/* names nobody known: a group, a person, an acronym */
	M_FIRST,	/* we, our: the speaker or the issuer */
	M_PRON3,	/* it, they: the speaker of a "X said" */
};

#define MF_POSS		0x01	/* possessive */
#define MF_MOD		0x02	/* qualifies a following common noun */
#define MF_HANDLE	0x04	/* written as an @handle */
#define MF_PERSON	0x08	/* a titled name: "Mr. Cheng", "Vice-Minister Sasae" */
#define MF_NOBODY	0x10	/* "Mr. Li" whom nothing ties to an actor */

struct mention {
	int		 a, b;
	enum mtype	 type;
	const char	*code;
	unsigned	 flags;
};

struct quote {
	int	open, close;	/* tokens of the marks */
	int	speaker;	/* mention, or -1 */
};

/* A person's name and the actor the text made them an official of. */
struct named {
	size_t		 off, len;	/* the last word of the name */
	const char	*code;
};

/* An actor mentioned, and the body word it was named by ("embassy"). */
struct recent {
	const char	*code;
	const char	*tag;
};

struct run {
	struct coder		*c;
	const char		*text;
	const char		*issuer;
	const struct dm_date	*stmt;
	struct tok		*toks;
	size_t			 ntoks, captoks;
	struct sent		*sents;
	size_t			 nsents, capsents;
	struct mention		*ms;
	size_t			 nms, capms;
	int			*mstart;	/* mention a token begins */
	int			*mcover;	/* mention holding a token */
	struct quote		*qs;
	size_t			 nqs, capqs;
	int			*qid;		/* per token: quote, or -1 */
	struct recent		 recent[RECENT_MAX];
	size_t			 nrecent;
	struct named		 named[RECENT_MAX];
	size_t			 nnamed;
	/* What the question or the text answers: an actor code, or NULL. */
	const char		*context;
	char			**scratch;	/* strings of one sentence */
	size_t			 nscratch, capscratch;
};

/* Where a claimant was found: the lower, the surer. */
enum source {
	SRC_EXPLICIT,
	SRC_SPEAKER,
	SRC_ISSUER,
};

struct cand {
	int		 kind;
	const char	*cameo;
	const char	*by;
	const char	*targets[TARGET_MAX];
	size_t		 ntargets;
	enum source	 src;
	int		 rank;		/* cue class: verb first */
	size_t		 cue_a, cue_b;	/* tokens of the cue that fired */
	int		 cls;		/* the cue's class: C_VERB, ... */
};

/* words.c */
int	cd_grow(void *pp, size_t *cap, size_t n, size_t size);
const char	*cd_keep(struct coder *c, const char *s, size_t len);
int	cd_word_lookup(const struct coder *c, const char *s);
int	cd_word_intern(struct coder *c, const char *s);
int	cd_fold_word(const char *s, size_t len, char *buf, size_t bufsz);

/* tokenize.c */
int	cd_is_dash(int32_t cp);
int	cd_is_quote(int32_t cp);
int	cd_tokenize(struct run *r, const char *s, size_t n, int intern);
int	cd_match(const struct run *r, int cls, size_t t, size_t end,
    const struct pattern **out);
int	cd_is(const struct run *r, int cls, size_t t);
int	cd_ends_at(const struct run *r, int cls, size_t t, size_t lo);
int	cd_is_word(const struct run *r, size_t t, int wid);
int	cd_is_punct(const struct run *r, size_t t, int32_t cp);
int	cd_suffix(const struct run *r, size_t t, const char *sfx);
int	cd_negative_word(const struct run *r, size_t t);
int	cd_verbish(const struct run *r, size_t t);
int	cd_qualified(const struct run *r, size_t t, size_t end, int caps_too);

/* sentences.c */
int	cd_closer(const struct run *r, size_t t);
int	cd_split_sentences(struct run *r);
int	cd_find_quotes(struct run *r);

/* mentions.c */
int	cd_mentions_in(struct run *r, const struct sent *s);
int	cd_topic_of(const struct run *r, const struct sent *s);

/* speakers.c */
int	cd_governed_by(const struct run *r, int mi, size_t lo);
int	cd_speaker_at(struct run *r, const struct sent *s, size_t pos);
const char	*cd_who(struct run *r, const struct sent *s, int mi, size_t pos);
int	cd_hard_boundary(const struct run *r, size_t t, size_t lo);
int	cd_subject_of(struct run *r, const struct sent *s, size_t pos,
    int *out, int max);
void	cd_quote_speakers(struct run *r);
void	cd_signatures(struct run *r);

/* targets.c */
int	cd_add_target(struct cand *cd, const char *t);
void	cd_targets_of(struct run *r, const struct sent *s, size_t from, int agents,
    struct cand *cd);
int	cd_agent_of(struct run *r, const struct sent *s, size_t from);
int	cd_addressee(const struct run *r, const struct sent *s, size_t a,
    size_t *verb);

/* claims.c */
int	cd_negated(const struct run *r, const struct sent *s, size_t a);
int	cd_verbal(const struct run *r, const struct sent *s, size_t t);
int	cd_verb_claims(struct run *r, const struct sent *s, size_t a, size_t b,
    const struct pattern *p, struct cand *cds, int ncd);
int	cd_noun_claim(struct run *r, const struct sent *s, size_t a, size_t b,
    const struct pattern *p, struct cand *cd);
int	cd_adj_claim(struct run *r, const struct sent *s, size_t a,
    const struct pattern *p, struct cand *cd);
int	cd_own_claim(struct run *r, const struct sent *s, size_t a,
    const struct pattern *p, struct cand *cd);
int	cd_misdeed_claim(struct run *r, const struct sent *s, size_t a,
    size_t b, const struct pattern *p, struct cand *cd);
int	cd_conduct_claim(struct run *r, const struct sent *s, size_t a,
    const struct pattern *p, struct cand *cd);

/* context.c */
void	cd_questions(struct run *r);
void	cd_context(struct run *r);
int	cd_same_state(const char *a, const char *b);
const char	*cd_other_state(const struct run *r, const struct mention *m);
const char	*cd_aimed_at(const struct run *r, const struct sent *s);
int	cd_refers_back(const struct run *r, const struct sent *s, size_t b);

/* dates.c */
int	cd_sentence_date(const struct run *r, const struct sent *s,
    struct dm_date *out);

#endif

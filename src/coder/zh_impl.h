/*
 * Internals shared by the stages of the Chinese coder: the dictionary
 * (zh.c), segmentation (zh_seg.c), speakers and referents
 * (zh_speaker.c), cues (zh_cue.c) and claims (zh_claim.c).
 */
#ifndef DM_CODER_ZH_IMPL_H
#define DM_CODER_ZH_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "claimkind.h"
#include "coder.h"

#define ZH_CODES	4	/* actors one word names (美日韩) */
#define ZH_SEGS		3	/* parts of a cue around its gaps */
#define ZH_GAP		8	/* words a gap of a cue may span */
#define ZH_TARGETS	8
#define ZH_KINDS	CLAIM_KIND__MAX
#define ZH_SENT_MAX	600	/* longer "sentences" are lists or junk */

/* Classes of dictionary words, as bits of zh_word.cls. */
enum zh_cls {
	ZW_WORD, ZW_ACTOR, ZW_ABBR, ZW_INST, ZW_VOICE, ZW_OTHER, ZW_REFER,
	ZW_REFPP, ZW_PREP, ZW_NEG, ZW_HEDGE, ZW_SPEECH, ZW_SPEECHNOUN,
	ZW_QUESTION, ZW_ANSWER, ZW_CONTRAST, ZW_FRAME, ZW_NONAGENT, ZW_LEAD,
	ZW_HEAD, ZW_TOPIC, ZW_CUE, ZW_REFOBJ, ZW_PREPT, ZW_MOD, ZW_CONJ, ZW_QUOTED, ZW_PRON
};
#define ZB(c)	(1u << (c))

/* How a cue finds its claimant and target (see lexicon-zh.tsv). */
enum zh_ctype {
	ZT_ACT, ZT_MODAL, ZT_EVAL, ZT_CONDUCT, ZT_SELF, ZT_ASSERT, ZT_THREAT
};

/* Cue flags. */
#define ZF_OBJ		0x01
#define ZF_PP		0x02
#define ZF_CTX		0x04
#define ZF_SPEECH	0x08
#define ZF_WEAK		0x10

struct zh_cue {
	enum zh_ctype	 type;
	int		 kind;
	const char	*cameo;		/* or NULL: the kind's */
	unsigned	 flags;
	int		 nseg;
	int		 seg[ZH_SEGS];	/* word ids */
	int		 next;		/* next cue with the same first word */
};

struct zh_kind {
	const char	*name;
	const char	*cameo;
};

struct zh_word {
	char		*key;		/* folded */
	size_t		 len;
	unsigned	 cls;
	const char	*codes[ZH_CODES];
	int		 ncodes;
	int		 cue;		/* first cue starting with it, or -1 */
	const char	*topic;
	const char	*topic_cameo;
};

struct zh_coder {
	struct zh_word	*words;
	size_t		 nwords, capwords;
	int		*slots;
	size_t		 nslots;
	struct zh_cue	*cues;
	size_t		 ncues, capcues;
	struct zh_kind	 kinds[ZH_KINDS];
	size_t		 nkinds;
	char		**strs;
	size_t		 nstrs, capstrs;
	int		 maxlen;	/* longest word, in units */
	int		 w_de;		/* 的 */
};

/* Token flags. */
#define TK_LINE		0x01	/* a line break before it */
#define TK_COMPOSITE	0x02	/* a short form and a body: 美国务院 */
#define TK_PUNCT	0x04

struct zh_tok {
	size_t	 off, end;	/* bytes of the text */
	int	 wid;		/* word id, or -1 */
	int32_t	 cp;		/* folded code point of a one-character token */
	unsigned flags;
};

/* A stretch of tokens [a, b). */
struct zh_span {
	int	a, b;
};

/* Mention types. */
enum zh_mtype {
	ZM_NONE, ZM_ACTOR, ZM_VOICE, ZM_OTHER, ZM_REFER
};

/* Who a list of actors is: codes borrowed from the coder. */
struct zh_who {
	const char	*codes[ZH_TARGETS];
	int		 n;
};

/* A proposed claim of one sentence. */
struct zh_cand {
	const char	*by;
	int		 kind;
	const char	*cameo;
	struct zh_who	 tg;
	int		 weak;
	int		 act;		/* a performative of the speaker */
	int		 cue_a, cue_b;	/* first and last token of the cue */
};

struct zh_run {
	const struct zh_coder	*z;
	const char		*text;
	const char		*issuer;
	const char		*speaker;	/* whose voice: the issuer's */
	char			 country[32];	/* the speaker's state */
	struct zh_tok		*toks;
	size_t			 ntoks, captoks;
	/* The discourse: what the question and the text are about. */
	struct zh_who		 qtopic;	/* the question's actor */
	struct zh_who		 focus;		/* the latest actor spoken of */
	int			 qspeech;	/* the question is about words */
	int			 others_said;	/* the last words were others' */
	int			 prev_speech;	/* so is the previous sentence */
	/* The sentence being coded. */
	struct zh_who		 last;		/* its latest other actor */
	struct zh_cand		 cands[32];
	int			 ncands;
	coder_claim_fn		 fn;
	void			*ctx;
};

/* zh.c: the dictionary. */
int	zh_lookup(const struct zh_coder *z, const char *key, size_t len);
int	zh_fold_cp(int32_t cp);
/* Whether cp belongs to a run of Latin letters and digits (one unit). */
int	zh_latin(int32_t cp);

/* zh_seg.c: tokens, paragraphs, sentences and clauses. */
int	zh_tokenize(struct zh_run *r);
int	zh_has(const struct zh_run *r, int t, enum zh_cls cls);
int	zh_punct(const struct zh_run *r, int t, const char *set);
int	zh_next_sentence(const struct zh_run *r, int a, int end);
int	zh_next_clause(const struct zh_run *r, int a, int end);
int	zh_line_end(const struct zh_run *r, int a);

/* zh_speaker.c: mentions, speakers, subjects and referents. */
enum zh_mtype zh_mention(const struct zh_run *r, int t, struct zh_who *w);
int	zh_own_side(const struct zh_run *r, const struct zh_who *w);
int	zh_subject(const struct zh_run *r, struct zh_span cl, int before,
	    struct zh_who *w);
void	zh_resolve(const struct zh_run *r, struct zh_who *w);
void	zh_country(struct zh_run *r, const char *code);
int	zh_paragraphs(struct zh_run *r);

/* zh_cue.c: cues in a clause. */
int	zh_cue_at(const struct zh_run *r, int t, struct zh_span cl, int *end,
	    int *gap_a, int *gap_b);
int	zh_negated(const struct zh_run *r, int t, struct zh_span cl);
int	zh_hedged(const struct zh_run *r, int t, struct zh_span cl);

/* zh_claim.c: the claims of a sentence. */
int	zh_code_sentence(struct zh_run *r, struct zh_span s, const char *by);

#endif

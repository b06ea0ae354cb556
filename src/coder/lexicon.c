/*
 * The lexicon: parsing its lines into patterns and kinds, and the actors taught.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "claimkind.h"
#include "coder_int.h"
#include "embed.h"
#include "zh.h"
#include "error.h"

static const char *const cls_names[C_ACTOR] = {
	"verb",			/* C_VERB */
	"noun",			/* C_NOUN */
	"adj",			/* C_ADJ */
	"conduct",		/* C_CONDUCT */
	"stance",		/* C_STANCE */
	"misdeed",		/* C_MISDEED */
	"own",			/* C_OWN */
	"topic",		/* C_TOPIC */
	"neg",			/* C_NEG */
	"hedge",		/* C_HEDGE */
	"speech",		/* C_SPEECH */
	"according",		/* C_ACCORDING */
	"light",		/* C_LIGHT */
	"inst",			/* C_INST */
	"title",		/* C_TITLE */
	"honorific",		/* C_HONOR */
	"group",		/* C_GROUP */
	"subjprep",		/* C_SUBJPREP */
	"collective",		/* C_COLLECTIVE */
	"gmod",			/* C_GMOD */
	"quant",		/* C_QUANT */
	"demonym-suffix",	/* C_DEMSUF */
	"demonym",		/* C_DEMONYM */
	"first",		/* C_FIRST */
	"pron3",		/* C_PRON3 */
	"aux",			/* C_AUX */
	"det",			/* C_DET */
	"prep",			/* C_PREP */
	"victim",		/* C_VICTIM */
	"be",			/* C_BE */
	"stop",			/* C_STOP */
	"starter",		/* C_STARTER */
	"abbrev",		/* C_ABBREV */
	"abbrev-num",		/* C_ABBREVNUM */
	"month",		/* C_MONTH */
	"weekday",		/* C_WEEKDAY */
	"date",			/* C_DATE */
	"question",		/* C_QUESTION */
	"office",		/* C_OFFICE */
	"referent",		/* C_REFERENT */
	"possessive",		/* C_POSSDET */
	"people",		/* C_PEOPLE */
	"contact",		/* C_CONTACT */
	"purpose",		/* C_PURPOSE */
	"anaphor",		/* C_ANAPHOR */
	"about",		/* C_ABOUT */
};

/* Lexicon and dictionary. */

static int
add_pattern(struct coder *c, struct pattern *p, const char *phrase,
    size_t len)
{
	struct run r;
	struct pattern *q;
	size_t i, gap, first = 0;
	int pi, rc = 0;

	memset(&r, 0, sizeof(r));
	r.c = c;
	if ((rc = cd_tokenize(&r, phrase, len, 1)) != 0)
		goto done;
	if (p->cls == C_ACTOR && r.ntoks > 1 && r.toks[0].cp == 0 &&
	    r.toks[0].len == 3 && strncasecmp(phrase + r.toks[0].off, "the",
	    3) == 0)
		first = 1;
	if (r.ntoks - first == 0 || r.ntoks - first > PHRASE_MAX) {
		rc = dm_error(DM_EINVALID, "bad phrase '%.*s'", (int)len,
		    phrase);
		goto done;
	}
	/* "hold ~ to account": the words after '~' close the object */
	for (gap = first; gap < r.ntoks && r.toks[gap].cp != '~'; gap++)
		;
	p->ntail = gap < r.ntoks ? (int)(r.ntoks - gap - 1) : 0;
	if (gap == first || p->ntail > TAIL_MAX || (gap < r.ntoks &&
	    p->ntail == 0)) {
		rc = dm_error(DM_EINVALID, "bad phrase '%.*s'", (int)len,
		    phrase);
		goto done;
	}
	for (i = 0; i < (size_t)p->ntail; i++)
		p->tail[i] = r.toks[gap + 1 + i].wid;
	p->nw = (int)(gap - first);
	for (i = first; i < gap; i++)
		p->w[i - first] = r.toks[i].wid;
	if (p->cls == C_ACTOR) {
		/* The same words twice: the first actor keeps them. */
		for (pi = c->words[p->w[0]].head; pi != -1; pi = q->next) {
			q = &c->pats[pi];
			if (q->cls == C_ACTOR && q->nw == p->nw &&
			    memcmp(q->w, p->w, sizeof(int) * p->nw) == 0)
				goto done;
		}
		if (r.toks[first].flags & T_CAP)
			p->flags |= PF_CAP;
		if ((r.toks[first].flags & T_ALLCAPS) && r.toks[first].len <= 3)
			p->flags |= PF_ACRONYM;
	}
	if ((rc = cd_grow(&c->pats, &c->cappats, c->npats, sizeof(*c->pats))) != 0)
		goto done;
	p->next = c->words[p->w[0]].head;
	c->words[p->w[0]].head = (int)c->npats;
	c->pats[c->npats++] = *p;
done:
	free(r.toks);
	return rc;
}

static int
find_kind(const struct coder *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nkinds; i++)
		if (strcmp(c->kinds[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Splits line at tabs into at most n fields; returns how many. */
static size_t
split_tabs(char *line, char **f, size_t n)
{
	size_t i = 0;

	while (i < n) {
		f[i++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return i;
}

static int
parse_line(struct coder *c, char *line, size_t lineno)
{
	struct pattern p;
	const struct claim_kind *k;
	char *f[4], *alt, *bar, *flag;
	size_t nf;
	int cls;

	nf = split_tabs(line, f, 4);
	if (nf != 4)
		return dm_error(DM_EINVALID,
		    "lexicon line %zu: want 4 tab-separated columns", lineno);
	memset(&p, 0, sizeof(p));
	p.kind = -1;
	if (strcmp(f[0], "kind") == 0) {
		if ((k = claim_kind_lexicon(f[1], f[2], lineno)) == NULL)
			return DM_EINVALID;
		if (c->nkinds == KIND_MAX || find_kind(c, f[1]) != -1)
			return dm_error(DM_EINVALID,
			    "lexicon line %zu: kind '%s' again or too many",
			    lineno, f[1]);
		c->kinds[c->nkinds].name = k->name;
		c->kinds[c->nkinds].cameo = k->cameo;
		for (flag = strtok(f[3], ","); flag != NULL;
		    flag = strtok(NULL, ",")) {
			if (strcmp(flag, "target") == 0)
				c->kinds[c->nkinds].need_target = 1;
			else if (strcmp(flag, "notarget") == 0)
				c->kinds[c->nkinds].no_target = 1;
			else if (strcmp(flag, "from") == 0)
				c->kinds[c->nkinds].from = 1;
			else if (strcmp(flag, "answer") == 0)
				c->kinds[c->nkinds].answer = 1;
			else if (strcmp(flag, "content") == 0)
				c->kinds[c->nkinds].content = 1;
			else if (strcmp(flag, "hostile") == 0)
				c->kinds[c->nkinds].hostile = 1;
			else if (strcmp(flag, "follows") == 0)
				c->kinds[c->nkinds].follows = 1;
			else if (strcmp(flag, "parent") == 0)
				c->kinds[c->nkinds].parent = 1;
			else if (strcmp(flag, "about") == 0)
				c->kinds[c->nkinds].about = 1;
			else if (strcmp(flag, "-") != 0)
				return dm_error(DM_EINVALID,
				    "lexicon line %zu: no kind flag '%s'",
				    lineno, flag);
		}
		c->nkinds++;
		return 0;
	}
	for (cls = 0; cls < C_ACTOR; cls++)
		if (strcmp(f[0], cls_names[cls]) == 0)
			break;
	if (cls == C_ACTOR)
		return dm_error(DM_EINVALID, "lexicon line %zu: no class '%s'",
		    lineno, f[0]);
	p.cls = cls;
	if (cls <= C_OWN && (p.kind = find_kind(c, f[1])) == -1)
		return dm_error(DM_EINVALID, "lexicon line %zu: no kind '%s'",
		    lineno, f[1]);
	if (strcmp(f[1], "-") != 0 && (p.val = cd_keep(c, f[1],
	    strlen(f[1]))) == NULL)
		return DM_ERROR;
	if (strcmp(f[2], "-") != 0 && (p.cameo = cd_keep(c, f[2],
	    strlen(f[2]))) == NULL)
		return DM_ERROR;
	for (alt = f[3]; alt != NULL; alt = bar) {
		if ((bar = strchr(alt, '|')) != NULL)
			*bar++ = '\0';
		if (add_pattern(c, &p, alt, strlen(alt)) != 0)
			return dm_error(DM_EINVALID, "lexicon line %zu: %s",
			    lineno, dm_error_last());
	}
	return 0;
}

static int
fixed_word(struct coder *c, int *w, const char *s)
{
	return (*w = cd_word_intern(c, s)) < 0 ? DM_ERROR : 0;
}

/* Keeps the demonyms' suffixes apart, for the actors' names to come. */
static int
keep_suffixes(struct coder *c)
{
	size_t i, cap = 0;

	for (i = 0; i < c->npats; i++) {
		if (c->pats[i].cls != C_DEMSUF || c->pats[i].nw != 1)
			continue;
		if (cd_grow(&c->demsuf, &cap, c->ndemsuf,
		    sizeof(*c->demsuf)) != 0)
			return DM_ERROR;
		c->demsuf[c->ndemsuf++] = c->pats[i].w[0];
	}
	return 0;
}

int
coder_new(struct coder **out, const char *lexicon_tsv)
{
	struct coder *c;
	char *copy = NULL, *line, *nl;
	size_t lineno = 0;
	int rc = DM_ERROR;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((copy = strdup(lexicon_tsv)) == NULL) {
		dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	if (fixed_word(c, &c->w_that, "that") || fixed_word(c, &c->w_which,
	    "which") || fixed_word(c, &c->w_who, "who") ||
	    fixed_word(c, &c->w_and, "and") || fixed_word(c, &c->w_or, "or") ||
	    fixed_word(c, &c->w_but, "but") || fixed_word(c, &c->w_by, "by") ||
	    fixed_word(c, &c->w_as, "as") || fixed_word(c, &c->w_well,
	    "well") || fixed_word(c, &c->w_in, "in") ||
	    fixed_word(c, &c->w_the, "the") ||
	    fixed_word(c, &c->w_comma, ",") ||
	    fixed_word(c, &c->w_including, "including") ||
	    fixed_word(c, &c->w_it, "it") ||
	    fixed_word(c, &c->w_they, "they") ||
	    fixed_word(c, &c->w_he, "he") || fixed_word(c, &c->w_she, "she") ||
	    fixed_word(c, &c->w_to, "to") || fixed_word(c, &c->w_from, "from") ||
	    fixed_word(c, &c->w_of, "of"))
		goto done;
	for (line = copy; line != NULL; line = nl) {
		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (*line != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		if ((rc = parse_line(c, line, lineno)) != 0)
			goto done;
	}
	if (c->nkinds == 0) {
		rc = dm_error(DM_EINVALID, "lexicon defines no claim kind");
		goto done;
	}
	if ((rc = keep_suffixes(c)) != 0 ||
	    (rc = zh_new(&c->zh, dm_coder_lexicon_zh[0].data)) != 0)
		goto done;
	*out = c;
	c = NULL;
done:
	free(copy);
	coder_free(c);
	return rc;
}

/* Whether the folded one-word name w looks like a demonym ("Chinese"). */
static int
demonym_shaped(struct coder *c, int w)
{
	const struct pattern *p;
	const char *s = c->words[w].s, *sfx;
	size_t i, n = strlen(s), m;
	int pi;

	for (pi = c->words[w].head; pi != -1; pi = p->next) {
		p = &c->pats[pi];
		if (p->cls == C_DEMONYM && p->nw == 1)
			return 1;
	}
	for (i = 0; i < c->ndemsuf; i++) {
		sfx = c->words[c->demsuf[i]].s;
		m = strlen(sfx);
		if (n > m + 2 && strcmp(s + n - m, sfx) == 0)
			return 1;
	}
	return 0;
}

int
coder_add_actor(struct coder *c, const char *name, const char *code)
{
	struct pattern p;
	const char *kc = NULL;
	size_t i;

	if (name == NULL || code == NULL || *code == '\0')
		return dm_error(DM_EINVALID, "actor needs a name and a code");
	if (zh_add_actor(c->zh, name, code) != 0)
		return DM_ERROR;
	/* A name is most often another of the last actor's */
	if (c->ncodes > 0 && strcmp(c->codes[c->ncodes - 1], code) == 0)
		kc = c->codes[c->ncodes - 1];
	for (i = 0; kc == NULL && i < c->ncodes; i++)
		if (strcmp(c->codes[i], code) == 0)
			kc = c->codes[i];
	if (kc == NULL) {
		if ((kc = cd_keep(c, code, strlen(code))) == NULL ||
		    cd_grow(&c->codes, &c->capcodes, c->ncodes,
		    sizeof(*c->codes)) != 0)
			return DM_ERROR;
		c->codes[c->ncodes++] = kc;
	}
	memset(&p, 0, sizeof(p));
	p.cls = C_ACTOR;
	p.kind = -1;
	p.val = kc;
	if (add_pattern(c, &p, name, strlen(name)) != 0)
		return dm_error(DM_EINVALID, "actor name '%s': %s", name,
		    dm_error_last());
	/* Flag it now that its word is known (add_pattern copied p). */
	if (p.nw == 1 && c->npats > 0 && c->pats[c->npats - 1].val == kc &&
	    c->pats[c->npats - 1].nw == 1 && demonym_shaped(c, p.w[0]))
		c->pats[c->npats - 1].flags |= PF_DEMONYM;
	return 0;
}

void
coder_free(struct coder *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nwords; i++)
		free(c->words[i].s);
	for (i = 0; i < c->nstrs; i++)
		free(c->strs[i]);
	free(c->words);
	free(c->slots);
	free(c->pats);
	free(c->strs);
	free(c->codes);
	free(c->demsuf);
	zh_free(c->zh);
	free(c);
}

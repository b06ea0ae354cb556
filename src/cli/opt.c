/*
 * Options from one spec per command: the getopt_long() table and its
 * optstring, the usage line, the options of the help, and the nearest
 * option after a typo all come from the same table (cli.h).
 */
#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "names.h"

/* The most options a command takes, its groups' included. */
#define OPTS_MAX	64
/* Help lines end before this column. */
#define WRAP		72
/* A longer label has a line of its own above its help. */
#define LABEL_MAX	18
/* Where a usage line goes on after a break. */
#define USAGE_INDENT	17

/* Whether s has an entry of its own (not a group's) for id. */
static int
own(const struct cli_spec *s, int id)
{
	const struct cli_opt *e;

	for (e = s->opts; e->id != 0; e++)
		if (e->id == id)
			return 1;
	return 0;
}

/* The option of id in the groups s includes, and its include entry. */
static const struct cli_opt *
in_group(const struct cli_spec *s, int id, const struct cli_opt **inc)
{
	const struct cli_opt *e, *m;

	for (e = s->opts; e->id != 0; e++)
		if (e->id == CLI_OPT_INCLUDE)
			for (m = e->group->opts; m->id != 0; m++)
				if (m->id == id) {
					*inc = e;
					return m;
				}
	return NULL;
}

/* The option the entry e of s stands for: itself, or a group's retold. */
static struct cli_opt
resolve(const struct cli_spec *s, const struct cli_opt *e)
{
	const struct cli_opt *m, *inc;
	struct cli_opt r;

	if (e->name != NULL)
		return *e;
	m = in_group(s, e->id, &inc);
	assert(m != NULL && "a spec retells an option of no group it includes");
	r = *m;
	if (e->help != NULL)
		r.help = e->help;
	r.refused = e->refused;
	return r;
}

/*
 * Calls fn with each option of s, in the order of the help: the
 * command's own block (its entries and the untitled groups') first, then
 * each titled group's block; refused ones only when all is set.
 */
static void
walk(const struct cli_spec *s, int all, void (*fn)(void *ctx,
    const char *title, const struct cli_opt *o), void *ctx)
{
	const struct cli_opt *e, *m;
	struct cli_opt r;
	int titled;

	for (titled = 0; titled <= 1; titled++)
		for (e = s->opts; e->id != 0; e++) {
			if (e->id != CLI_OPT_INCLUDE) {
				r = resolve(s, e);
				if (!titled && (all || r.refused == NULL))
					fn(ctx, NULL, &r);
				continue;
			}
			if ((e->refused && !all) ||
			    (e->group->title != NULL) != titled)
				continue;
			for (m = e->group->opts; m->id != 0; m++) {
				if (own(s, m->id))
					continue;
				r = *m;
				r.refused = e->refused;
				fn(ctx, e->group->title, &r);
			}
		}
}

/* The parser's tables, built from the spec of the command parsing. */
static struct {
	const struct cli_spec	*spec;
	struct cli_opt		 opts[OPTS_MAX];
	struct option		 longopts[OPTS_MAX + 2];
	char			 optstring[2 * OPTS_MAX + 8];
	size_t			 n;
	const struct cli_opt	*bad;	/* the refused option just met */
	int			 why;	/* the last error: '?', ':' or 0 */
} parser;

static void
add_option(void *ctx, const char *title, const struct cli_opt *o)
{
	char *p;

	(void)ctx;
	(void)title;
	assert(parser.n < OPTS_MAX);
	parser.opts[parser.n] = *o;
	parser.longopts[parser.n] = (struct option){ o->name,
	    o->arg == CLI_ARG_REQUIRED ? required_argument : no_argument,
	    NULL, o->id };
	parser.n++;
	if (o->short_name != 0) {
		p = parser.optstring + strlen(parser.optstring);
		*p++ = o->short_name;
		if (o->arg == CLI_ARG_REQUIRED)
			*p++ = ':';
		*p = '\0';
	}
}

static void
build(const struct cli_spec *s)
{
	static const struct cli_opt help = { .id = CLI_OPT_HELP,
	    .name = "help", .short_name = 'h' };

	memset(&parser, 0, sizeof(parser));
	parser.spec = s;
	strcpy(parser.optstring, s->posix ? "+:" : ":");
	walk(s, 1, add_option, NULL);
	if (!own(s, CLI_OPT_HELP))
		add_option(NULL, NULL, &help);
	else
		strcat(parser.optstring, "h");
}

static const struct cli_opt *
find(int ch)
{
	size_t i;

	for (i = 0; i < parser.n; i++)
		if (parser.opts[i].id == ch || (ch < CLI_OPT_HELP &&
		    parser.opts[i].short_name == ch))
			return &parser.opts[i];
	return NULL;
}

int
cli_getopt(int argc, char **argv, const struct cli_spec *spec)
{
	const struct cli_opt *o;
	int ch;

	if (parser.spec != spec)
		build(spec);
	parser.bad = NULL;
	parser.why = 0;
	if ((ch = getopt_long(argc, argv, parser.optstring, parser.longopts,
	    NULL)) == -1)
		return -1;
	if (ch == 'h')
		return CLI_OPT_HELP;
	if (ch == '?' || ch == ':' || (o = find(ch)) == NULL) {
		parser.why = ch == ':' ? ':' : '?';
		return CLI_OPT_BAD;
	}
	if (o->refused != NULL) {
		parser.bad = o;
		return CLI_OPT_BAD;
	}
	return o->id;
}

int
cli_bad_option(const char *cmd, int ch, char **argv)
{
	const char *arg = argv[optind - 1], *names[OPTS_MAX + 1];
	char word[64];
	size_t i, n;

	if (ch == CLI_OPT_BAD && parser.bad != NULL)
		return cli_usage(cmd, "'--%s' does not apply: %s",
		    parser.bad->name, parser.bad->refused);
	if (ch == CLI_OPT_BAD && parser.why == ':')
		return cli_usage(cmd, "option '%s' needs a value", arg);
	if (strncmp(arg, "--", 2) != 0 || parser.spec == NULL)
		return cli_unknown(cmd, "unknown option", arg, arg, "", NULL);
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(arg + 2, "="),
	    arg + 2);
	for (i = n = 0; i < parser.n; i++)
		if (parser.opts[i].refused == NULL)
			names[n++] = parser.opts[i].name;
	names[n] = NULL;
	return cli_unknown(cmd, "unknown option", arg, word, "--", names);
}

/* "-o, --output FILE" or "--kind K,...". */
static void
label(char *buf, size_t len, const struct cli_opt *o)
{
	char shrt[8] = "";

	if (o->short_name != 0)
		snprintf(shrt, sizeof(shrt), "-%c, ", o->short_name);
	snprintf(buf, len, "%s--%s%s%s", shrt, o->name, o->value ? " " : "",
	    o->value ? o->value : "");
}

/* The help's column: after the longest label that keeps its line. */
static void
widen(void *ctx, const char *title, const struct cli_opt *o)
{
	int *col = ctx;
	char buf[80];
	int n;

	(void)title;
	label(buf, sizeof(buf), o);
	n = (int)strlen(buf);
	if (n <= LABEL_MAX && n + 4 > *col)
		*col = n + 4;
}

/* Writes text from column at, breaking lines before WRAP at col. */
static void
wrap(FILE *fp, const char *text, int at, int col)
{
	const char *p = text;
	size_t n;

	while (*p != '\0') {
		n = strcspn(p, " ");
		if (at > col && at + 1 + (int)n > WRAP) {
			fprintf(fp, "\n%*s", col, "");
			at = col;
		} else if (at > col) {
			fputc(' ', fp);
			at++;
		}
		fwrite(p, 1, n, fp);
		at += (int)n;
		p += n;
		p += strspn(p, " ");
	}
	fputc('\n', fp);
}

struct block {
	FILE		*fp;
	int		 col;
	const char	*title;
	int		 started;
};

static void
print_option(void *ctx, const char *title, const struct cli_opt *o)
{
	struct block *b = ctx;
	char buf[80];

	if (!b->started || title != b->title)
		fprintf(b->fp, "\n%s\n", title ? title : "Options:");
	b->started = 1;
	b->title = title;
	label(buf, sizeof(buf), o);
	fprintf(b->fp, "  %s", buf);
	if ((int)strlen(buf) + 4 > b->col)
		fprintf(b->fp, "\n%*s", b->col, "");
	else
		fprintf(b->fp, "%*s", b->col - 2 - (int)strlen(buf), "");
	wrap(b->fp, o->help, b->col, b->col);
}

void
cli_help_options(FILE *fp, const struct cli_spec *spec)
{
	struct block b = { fp, 0, NULL, 0 };

	walk(spec, 0, widen, &b.col);
	walk(spec, 0, print_option, &b);
}

/* The words of a usage line after the command, each kept whole. */
struct words {
	const char	*v[OPTS_MAX + 4];
	int		 opt[OPTS_MAX + 4];	/* whether v[i] is an option */
	char		 buf[OPTS_MAX][48];
	size_t		 n, nopts;
	size_t		 first;		/* the first option's word */
};

static void
add_word(struct words *w, const char *word)
{
	if (w->n < OPTS_MAX + 2)
		w->v[w->n++] = word;
}

/* "[-o FILE]", "[--mutual]". */
static void
add_opt_word(struct words *w, const struct cli_opt *o)
{
	char *b = w->buf[w->nopts % OPTS_MAX];

	if (o->short_name != 0)
		snprintf(b, sizeof(w->buf[0]), "[-%c%s%s]", o->short_name,
		    o->value ? " " : "", o->value ? o->value : "");
	else
		snprintf(b, sizeof(w->buf[0]), "[--%s%s%s]", o->name,
		    o->value ? " " : "", o->value ? o->value : "");
	if (w->nopts++ == 0)
		w->first = w->n;
	w->opt[w->n] = 1;
	add_word(w, b);
}

/*
 * The options of s as its usage line names them: a titled group by its
 * word ("[filters]"), the rest each, or "[options]" where they are many.
 */
static void
usage_words(const struct cli_spec *s, struct words *w)
{
	const struct cli_opt *e, *m, *inc;
	struct cli_opt r;

	for (e = s->opts; e->id != 0; e++) {
		if (e->id == CLI_OPT_INCLUDE) {
			if (e->refused != NULL)
				continue;
			if (e->group->usage != NULL)
				add_word(w, e->group->usage);
			else
				for (m = e->group->opts; m->id != 0; m++)
					if (!own(s, m->id))
						add_opt_word(w, m);
			continue;
		}
		r = resolve(s, e);
		if (r.refused != NULL || (e->name == NULL &&
		    in_group(s, e->id, &inc) && inc->refused == NULL &&
		    inc->group->usage != NULL))
			continue;
		add_opt_word(w, &r);
	}
	if (w->nopts > 8) {
		/* Keep the groups' words, in their places. */
		size_t i, k = w->first + 1;

		w->v[w->first] = "[options]";
		for (i = w->first + 1; i < w->n; i++)
			if (!w->opt[i])
				w->v[k++] = w->v[i];
		w->n = k;
	}
	if (s->operands != NULL)
		add_word(w, s->operands);
}

/* One usage line: lead, then the words of s, broken before WRAP. */
static void
usage_line(const char *lead, const struct cli_spec *s)
{
	struct words w;
	size_t i;
	int at;

	memset(&w, 0, sizeof(w));
	usage_words(s, &w);
	at = printf("%sdemarche [--db PATH] %s", lead,
	    s->usage ? s->usage : s->cmd);
	for (i = 0; i < w.n; i++)
		if (at + 1 + (int)strlen(w.v[i]) > WRAP)
			at = printf("\n%*s%s", USAGE_INDENT, "", w.v[i]) - 1;
		else
			at += printf(" %s", w.v[i]);
	putchar('\n');
}

int
cli_help(const struct cli_spec *spec)
{
	const char *const *f;

	usage_line("usage: ", spec);
	for (f = spec->forms; f != NULL && *f != NULL; f++)
		printf("       demarche [--db PATH] %s\n", *f);
	printf("\n%s", spec->about);
	cli_help_options(stdout, spec);
	if (spec->more != NULL) {
		putchar('\n');
		spec->more();
	}
	return CLI_OK;
}

const struct cli_opt cli_no_opts[] = { { 0 } };

int
cli_parse_flags(int argc, char **argv, const struct cli_spec *spec, int *on)
{
	size_t i;
	int ch;

	while ((ch = cli_getopt(argc, argv, spec)) != -1) {
		if (ch == CLI_OPT_HELP)
			return cli_help(spec);
		for (i = 0; spec->opts[i].id != 0 && spec->opts[i].id != ch;
		    i++)
			;
		if (spec->opts[i].id == 0)
			return cli_bad_option(spec->cmd, ch, argv);
		on[i] = 1;
	}
	return -1;
}

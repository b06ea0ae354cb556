/*
 * review: the rule coder's proposals one at a time on a terminal.  Each
 * decision is saved, in its own transaction, before the next claim is
 * drawn, so that quitting or a kill loses at most the claim on screen.
 * Without a terminal it refuses and names 'claims accept|reject|edit'.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_INCLUDE(cli_claimant),
	CLI_VALUE(CLI_OPT_REVIEWER, "reviewer", "NAME", "who "
	    "decides, kept with each decision"),
	CLI_REFUSE_ALL(cli_output, "review shows claims on a terminal"),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "review",
	.about = "Shows the claims the rule coder proposed, one at a time, on "
	    "a terminal:\nthe statement, the sentence with its cue and actors "
	    "marked, and the\nproposed claim.  Keys:\n"
	    "\n"
	    "  a  accept      the claim becomes a claim of method reviewed\n"
	    "  r  reject      it leaves the listings and who, for good\n"
	    "  e  edit        change its kind, claimant or targets, then "
	    "accept\n"
	    "  s  skip        leave it for later\n"
	    "  u  undo        take back the last decision\n"
	    "  q  quit\n"
	    "\n"
	    "Each decision is saved as it is made.  Without a terminal, use\n"
	    "'demarche claims accept|reject|edit ID...'.  NO_COLOR turns "
	    "colour off.\n",
	.opts = opts,
};

/* The terminal as it was, put back on the way out. */
static struct termios saved;
static int raw_on;

static void
raw_off(void)
{
	if (raw_on) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		raw_on = 0;
	}
}

static void
on_signal(int sig)
{
	raw_off();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
raw_start(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &saved) != 0)
		return -1;
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) != 0)
		return -1;
	raw_on = 1;
	return 0;
}

/* A change of the terminal's size interrupts the wait for a key. */
static void
on_resize(int sig)
{
	(void)sig;
}

/*
 * Reads one key: 0 when the terminal changed size (draw again); EOF or
 * an error is quit.
 */
static int
key(void)
{
	unsigned char c;
	ssize_t n = read(STDIN_FILENO, &c, 1);

	if (n < 0 && errno == EINTR)
		return 0;
	return n == 1 ? c : 'q';
}

/*
 * A line typed with echo, read byte by byte from the terminal, as keys
 * are, so that nothing typed ahead is left in a buffer; "" for none.
 */
static void
prompt(const char *what, char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;
	char c;

	raw_off();
	printf("%s", what);
	fflush(stdout);
	while ((r = read(STDIN_FILENO, &c, 1)) == 1 || (r < 0 &&
	    errno == EINTR)) {
		if (r < 0)
			continue;
		if (c == '\n' || c == '\r')
			break;
		if (n + 1 < len)
			buf[n++] = c;
	}
	buf[n] = '\0';
	raw_start();
}

struct screen {
	int  cols, rows;
	int  color;
	char status[160];
};

static void
screen_size(struct screen *sc)
{
	struct winsize w;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != 0 || w.ws_col == 0) {
		w.ws_col = 80;
		w.ws_row = 24;
	}
	sc->cols = w.ws_col;
	sc->rows = w.ws_row;
	if (sc->cols < 20)
		sc->cols = 20;
}

/* Whether c begins a character: each takes one column here. */
static int
is_lead(unsigned char c)
{
	return (c & 0xC0) != 0x80;
}

/*
 * Writes s wrapped at the screen's width, each line after the first
 * indented by indent; an escape sequence (ESC [ ... m) takes no room.
 */
static void
wrapped(const struct screen *sc, const char *s, int indent)
{
	const char *p = s, *line = s, *brk = NULL;
	int col = indent, width = sc->cols - 1;

	while (*p) {
		if (*p == '\033') {
			p += strcspn(p, "m");
			p += *p == 'm';
			continue;
		}
		if (*p == ' ')
			brk = p;
		col += is_lead((unsigned char)*p);
		p++;
		if (col > width && brk != NULL) {
			fwrite(line, 1, (size_t)(brk - line), stdout);
			printf("\n%*s", indent, "");
			line = p = brk + 1;
			brk = NULL;
			col = indent;
			for (const char *q = line; q < p; q++)
				col += is_lead((unsigned char)*q);
		}
	}
	fputs(line, stdout);
	putchar('\n');
}

/* Where each byte of the sentence is marked: 1 cue, 2 an actor. */
static void
mark(char *marks, const char *s, const char *word, char m)
{
	size_t n = word ? strlen(word) : 0, i, len = strlen(s);

	if (n == 0)
		return;
	for (i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, word, n) == 0) {
			memset(marks + i, m, n);
			i += n - 1;
		}
}

/* The sentence with its cue and actors marked, in colour or brackets. */
static char *
marked(const struct screen *sc, const struct dm_proposal *p)
{
	const char *s = p->quote ? p->quote : "";
	static const char *const open[2][3] = { { "", "[", "<" },
		{ "", "\033[1;33m", "\033[1;36m" } };
	static const char *const close[2][3] = { { "", "]", ">" },
		{ "", "\033[0m", "\033[0m" } };
	size_t len = strlen(s), i;
	char *marks, *out, *o;
	size_t k;

	if ((marks = calloc(len + 1, 1)) == NULL ||
	    (out = malloc(len * 12 + 1)) == NULL) {
		free(marks);
		return NULL;
	}
	mark(marks, s, p->by_name, 2);
	mark(marks, s, p->by_code, 2);
	for (k = 0; k < p->ntargets; k++) {
		mark(marks, s, p->target_names[k], 2);
		mark(marks, s, p->target_codes[k], 2);
	}
	mark(marks, s, p->cue, 1);
	for (i = 0, o = out; i < len; i++) {
		if (marks[i] && (i == 0 || marks[i - 1] != marks[i]))
			o += sprintf(o, "%s", open[sc->color][(int)marks[i]]);
		*o++ = s[i];
		if (marks[i] && marks[i + 1] != marks[i])
			o += sprintf(o, "%s", close[sc->color][(int)marks[i]]);
	}
	*o = '\0';
	free(marks);
	return out;
}

/* An indented paragraph. */
static void
para(const struct screen *sc, const char *text)
{
	printf("  ");
	wrapped(sc, text, 2);
}

/* A blank line, where the terminal has the rows for it. */
static void
gap(const struct screen *sc)
{
	if (sc->rows >= 16)
		putchar('\n');
}

/*
 * The claim on a clean screen, the keys and the progress last, so that
 * a terminal too short for the rest still shows them.
 */
static void
draw(struct screen *sc, const struct dm_proposal *p, size_t i, size_t n)
{
	char line[1024], *sentence;
	size_t k;
	int len;

	screen_size(sc);
	printf("\033[H\033[2J");
	snprintf(line, sizeof(line), "claim %" PRId64 ", %s  %s (%s)",
	    p->claim_id, p->date, p->issuer_name, p->issuer_code);
	wrapped(sc, line, 2);
	if (p->title)
		para(sc, p->title);
	gap(sc);
	if ((sentence = marked(sc, p)) != NULL) {
		para(sc, sentence);
		free(sentence);
	}
	gap(sc);
	len = snprintf(line, sizeof(line), "proposed: %s %s", p->by_code,
	    p->kind);
	for (k = 0; k < p->ntargets && len > 0 &&
	    (size_t)len < sizeof(line); k++)
		len += snprintf(line + len, sizeof(line) - (size_t)len,
		    "%s%s", k ? ", " : " -> ", p->target_codes[k]);
	if (p->ntargets == 0 && len > 0 && (size_t)len < sizeof(line))
		snprintf(line + len, sizeof(line) - (size_t)len, " (no target)");
	para(sc, line);
	if (p->cue) {
		snprintf(line, sizeof(line), "cue: %s", p->cue);
		para(sc, line);
	}
	gap(sc);
	if (sc->status[0])
		para(sc, sc->status);
	snprintf(line, sizeof(line), "%s%zu of %zu%s  a accept  r reject  "
	    "e edit  s skip  u undo  q quit", sc->color ? "\033[1m" : "",
	    i + 1, n, sc->color ? "\033[0m" : "");
	wrapped(sc, line, 0);
	fflush(stdout);
}

/* Up to 9 actors whose code, name or alias holds text, numbered. */
static int
candidates(dm_archive *a, const char *text, char codes[9][72])
{
	struct dm_filter f;
	struct dm_output out;
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	int64_t rows;
	int n = 0;
	FILE *fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return 0;
	memset(&f, 0, sizeof(f));
	memset(&out, 0, sizeof(out));
	f.text = text;
	f.limit = 9;
	out.fp = fp;
	out.format = "tsv";
	dm_list(a, DM_LIST_ACTORS, &f, &out, &rows);
	fclose(fp);
	for (line = strtok_r(buf, "\n", &save); line != NULL && n < 9;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "code\t", 5) == 0)
			continue;
		line[strcspn(line, "\t")] = '\0';
		snprintf(codes[n], sizeof(codes[n]), "%s", line);
		printf("  %d  %s\n", n + 1, codes[n]);
		n++;
	}
	free(buf);
	return n;
}

static int
held(void *ctx, const struct dm_resolved_actor *r)
{
	*(int *)ctx = r->exists;
	return 1;
}

/* Whether the archive holds an actor by this code, name or alias. */
static int
actor_held(dm_archive *a, const char *ref)
{
	int yes = 0;

	dm_actor_resolve(a, ref, held, &yes);
	return yes;
}

/*
 * Asks for one actor: a code, name or alias, or, when it names nobody,
 * a number among the actors that hold it.  "" keeps the value.
 */
static void
ask_actor(dm_archive *a, const char *what, char *buf, size_t len)
{
	char codes[9][72], pick[16];
	int n, i;

	prompt(what, buf, len);
	if (buf[0] == '\0' || strcmp(buf, "-") == 0 ||
	    strchr(buf, ',') != NULL ||
	    actor_held(a, buf))
		return;
	if ((n = candidates(a, buf, codes)) == 0) {
		printf("  no actor holds '%s'\n", buf);
		return;
	}
	prompt("  number: ", pick, sizeof(pick));
	i = atoi(pick);
	if (i >= 1 && i <= n)
		snprintf(buf, len, "%s", codes[i - 1]);
}

/* Splits "A,B" in place into refs; returns how many. */
static size_t
split_list(char *s, char **refs, size_t max)
{
	size_t n = 0;
	char *p;

	for (p = strtok(s, ","); p != NULL && n < max; p = strtok(NULL, ",")) {
		while (*p == ' ')
			p++;
		if (*p)
			refs[n++] = p;
	}
	return n;
}

/* Asks what to change; 0 when the reviewer changed nothing. */
static int
ask_edit(dm_archive *a, const struct dm_proposal *p, struct dm_decision *d,
    char kind[32], char by[128], char targets[512], char **refs,
    size_t max)
{
	char buf[64];
	size_t i;
	int k;

	printf("\n");
	for (i = 0; dm_claim_kind_name(i); i++)
		printf("  %2zu %-10s%s", i + 1, dm_claim_kind_name(i),
		    i % 4 == 3 ? "\n" : "");
	snprintf(buf, sizeof(buf), "%skind [%s]: ", i % 4 ? "\n" : "",
	    p->kind);
	prompt(buf, kind, 32);
	if ((k = atoi(kind)) >= 1 && (size_t)k <= i)
		snprintf(kind, 32, "%s", dm_claim_kind_name((size_t)k - 1));
	snprintf(buf, sizeof(buf), "claimant [%s]: ", p->by_code);
	ask_actor(a, buf, by, 128);
	ask_actor(a, "targets, comma-separated ('-' for none) [as is]: ",
	    targets, 512);
	d->kind = kind[0] ? kind : NULL;
	d->by = by[0] ? by : NULL;
	if (strcmp(targets, "-") == 0) {
		d->targets = (const char *const *)refs;
		d->ntargets = 0;
	} else if (targets[0]) {
		d->ntargets = split_list(targets, refs, max);
		d->targets = (const char *const *)refs;
	}
	return d->kind || d->by || d->targets;
}

struct done {
	int64_t id, reviewed;
	size_t  at;
};

/* One review: the claims to go through, the decisions made and the screen. */
struct session {
	dm_archive	*a;
	const char	*reviewer;
	int64_t		*ids;
	size_t		 n, i;		/* claims, and the one shown */
	struct done	*undo;
	size_t		 nundo;
	int		 decided;
	struct screen	 sc;
};

/* The terminal is put back on a signal, and redrawn on a resize. */
static void
catch_signals(void)
{
	struct sigaction resize;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	memset(&resize, 0, sizeof(resize));
	resize.sa_handler = on_resize;
	sigaction(SIGWINCH, &resize, NULL);
}

/* Takes back the last decision saved and shows its claim again. */
static void
undo_last(struct session *s)
{
	struct done *u;

	if (s->nundo == 0) {
		snprintf(s->sc.status, sizeof(s->sc.status),
		    "nothing to undo");
		return;
	}
	u = &s->undo[--s->nundo];
	if (dm_claim_undecide(s->a, u->id, u->reviewed) != 0)
		snprintf(s->sc.status, sizeof(s->sc.status),
		    "not undone: %.100s", dm_error_last());
	else {
		snprintf(s->sc.status, sizeof(s->sc.status), "claim %"
		    PRId64 " undone: saved", u->id);
		s->i = u->at;
		s->decided--;
	}
}

/* Saves d for the claim shown, kept for undo, and moves to the next. */
static void
save_decision(struct session *s, const struct dm_proposal *p,
    const struct dm_decision *d)
{
	int64_t added;

	if (dm_claims_decide(s->a, &s->ids[s->i], 1, d, &added) != 0) {
		snprintf(s->sc.status, sizeof(s->sc.status), "not saved: "
		    "%.120s", dm_error_last());
		return;
	}
	snprintf(s->sc.status, sizeof(s->sc.status), "claim %" PRId64
	    " %s: saved", p->claim_id, d->what == DM_ACCEPT ? "accepted" :
	    d->what == DM_REJECT ? "rejected" : "edited");
	s->undo[s->nundo].id = s->ids[s->i];
	s->undo[s->nundo].reviewed = added;
	s->undo[s->nundo++].at = s->i;
	s->decided++;
	s->i++;
}

/* Shows the current claim and acts on one key: 1 when that is quit. */
static int
review_one(struct session *s)
{
	struct dm_proposal p;
	struct dm_decision d;
	char kind[32], by[128], targets[512], *refs[64];
	int c;

	if (dm_proposal_get(s->a, s->ids[s->i], &p) != 0 ||
	    p.review != NULL) {
		/* Decided or gone meanwhile. */
		dm_proposal_free(&p);
		s->i++;
		return 0;
	}
	draw(&s->sc, &p, s->i, s->n);
	c = key();
	memset(&d, 0, sizeof(d));
	d.reviewer = s->reviewer;
	kind[0] = by[0] = targets[0] = '\0';
	switch (c) {
	case 'a':
		d.what = DM_ACCEPT;
		break;
	case 'r':
		d.what = DM_REJECT;
		break;
	case 'e':
		d.what = DM_EDIT;
		if (!ask_edit(s->a, &p, &d, kind, by, targets, refs, 64)) {
			snprintf(s->sc.status, sizeof(s->sc.status),
			    "nothing changed");
			dm_proposal_free(&p);
			return 0;
		}
		break;
	case 's':
	case ' ':
		snprintf(s->sc.status, sizeof(s->sc.status), "claim %" PRId64
		    " skipped", p.claim_id);
		dm_proposal_free(&p);
		s->i++;
		return 0;
	case 'u':
		dm_proposal_free(&p);
		undo_last(s);
		return 0;
	case 'q':
		dm_proposal_free(&p);
		return 1;
	default:
		dm_proposal_free(&p);
		return 0;
	}
	save_decision(s, &p, &d);
	dm_proposal_free(&p);
	return 0;
}

int
cmd_review(int argc, char **argv)
{
	struct cli_query q;
	struct session s;
	int ch, rc;

	memset(&s, 0, sizeof(s));
	cli_query_init(&q);
	while ((ch = cli_query_getopt(&q, argc, argv, &spec, &rc)) != -1)
		s.reviewer = optarg;	/* --reviewer, its only option */
	if (rc != -1)
		return rc;
	if (optind < argc)
		return cli_usage("review", "unexpected argument '%s'",
		    argv[optind]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error("review needs a terminal; without one, use "
		    "'demarche claims accept|reject|edit ID...' (ids from "
		    "'demarche claims --method rule')");
	if ((rc = cli_open(&s.a, 0)) != CLI_OK)
		return rc;
	if (dm_proposals(s.a, &q.filter, &s.ids, &s.n) != 0) {
		rc = cli_query_fail(DM_ERROR);
		goto out;
	}
	if (s.n == 0) {
		fprintf(stderr, "no claims to review\n");
		goto out;
	}
	if ((s.undo = calloc(s.n, sizeof(*s.undo))) == NULL) {
		rc = cli_error("out of memory");
		goto out;
	}
	s.sc.color = getenv("NO_COLOR") == NULL || !*getenv("NO_COLOR");
	if (raw_start() != 0) {
		rc = cli_error("cannot set up the terminal");
		goto out;
	}
	catch_signals();
	while (s.i < s.n && !review_one(&s))
		continue;
	raw_off();
	printf("\n%s\n%d decision%s saved\n", s.sc.status, s.decided,
	    s.decided == 1 ? "" : "s");
out:
	raw_off();
	free(s.undo);
	free(s.ids);
	dm_archive_free(s.a);
	return rc;
}

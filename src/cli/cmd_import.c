#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_FLAG(CLI_OPT_UPDATE, "update", "replace "
	    "statements whose content changed"),
	CLI_FLAG(CLI_OPT_STRICT, "strict", "an actor "
	    "reference that names nobody is an error"),
	CLI_FLAG(CLI_OPT_KEEP_GOING, "keep-going", "import "
	    "the valid statements, report the rest"),
	CLI_FLAG(CLI_OPT_TEXT, "text", "read the files as "
	    "plain text"),
	CLI_VALUE(CLI_OPT_FORMAT, "format", "F", "read the files "
	    "as json, text or html (else told by name and first bytes, '-' "
	    "too)"),
	CLI_VALUE(CLI_OPT_ISSUER, "issuer", "ACTOR", "plain text: "
	    "the issuer, if the header has none; a page: the issuer, whatever "
	    "its site"),
	CLI_VALUE(CLI_OPT_DATE, "date", "DATE", "text or page: "
	    "the date, if it gives none"),
	CLI_VALUE(CLI_OPT_DATE_ORDER, "date-order", "dmy|mdy",
	    "how to read 07/08/2021"),
	CLI_FLAG(CLI_OPT_FEED, "feed", "the URLs are feeds: "
	    "import their new items"),
	CLI_VALUE(CLI_OPT_TIMEOUT, "timeout", "SECONDS", "a fetch "
	    "that takes longer fails (30)"),
	CLI_VALUE(CLI_OPT_DELAY, "delay", "SECONDS", "between two "
	    "requests to one host (1)"),
	CLI_FLAG(CLI_OPT_RECODE, "recode", "run the rule-based "
	    "coder again over the statements it coded (after its cue lists or "
	    "the actors changed); curated claims stay"),
	{ .id = CLI_OPT_QUIET, .name = "quiet", .short_name = 'q',
	    .help = "no progress display" },
	{ 0 }
};

static const char *const forms[] = {
	"import [options] --feed URL...", "import --recode", NULL
};

static const struct cli_spec spec = {
	.cmd = "import",
	.operands = "FILE|URL...",
	.forms = forms,
	.about = "Imports statements: JSON (one statement, an array, a bundle\n"
	    "{\"actors\": [...], \"statements\": [...]}, or JSON Lines), "
	    "plain\n"
	    "text (.txt, .md) or web pages (.html, .htm, or markup: title,\n"
	    "date, URL and body from the page, the issuer from the table of\n"
	    "publishing sites).  '-' reads standard input; an http(s) URL is\n"
	    "fetched.  Each file is one transaction: a file with an invalid\n"
	    "statement changes nothing.  --feed reads RSS 2.0 or Atom feeds "
	    "and\nimports each item not seen before, one transaction per "
	    "page.\n"
	    "Read one statement at a time: one statement is at most 4 MiB of\n"
	    "JSON or text, a claim has at most 1000 targets, and a bundle's\n"
	    "\"actors\" come before its \"statements\".\n",
	.opts = opts,
};

/* A number of seconds from min to an hour, or -1. */
static long
seconds(const char *arg, long min)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	return errno || end == arg || *end || n < min || n > 3600 ? -1 : n;
}

/* The unresolved actors named one a line; the rest are counted. */
#define UNRESOLVED_SHOWN	5

struct progress {
	const char *file;
	int         shown;
	double      start, last;
	int64_t     unresolved;	/* reported so far */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Shown only on a terminal, and only once an import has run a while. */
static void
show_progress(void *ctx, const struct dm_import_progress *p)
{
	struct progress *pr = ctx;
	double t = now(), rate;

	if (t - pr->start < 2.0 || t - pr->last < 0.25)
		return;
	pr->last = t;
	pr->shown = 1;
	rate = p->statements / (t - pr->start);
	fputc('\r', stderr);
	dm_print(stderr, "%s: %" PRId64 " statements, %.0f/s", pr->file,
	    p->statements, rate);
	if (p->total > 0)
		fprintf(stderr, ", %.0f%%", 100.0 * p->bytes / p->total);
	fputs("\033[K", stderr);
}

static void
report(void *ctx, enum dm_report what, const char *msg)
{
	struct progress *p = ctx;

	if (what == DM_REPORT_REJECTED)
		cli_note("demarche: rejected: %s", msg);
	else if (++p->unresolved <= UNRESOLVED_SHOWN)
		cli_note("demarche: unresolved actor %s", msg);
}

/* One wide claim can name a thousand nobodies: the rest in one line. */
static void
report_unresolved_rest(const struct progress *p)
{
	if (p->unresolved > UNRESOLVED_SHOWN)
		cli_note("demarche: %" PRId64 " more unresolved actors, not "
		    "named here ('demarche actors --unresolved' lists all %"
		    PRId64 ", each with the nearest known actor)",
		    p->unresolved - UNRESOLVED_SHOWN, p->unresolved);
}

static void
print_counts(const struct dm_import_counts *c)
{
	if (c->added + c->updated + c->rejected + c->unresolved +
	    c->actors == 0) {
		printf("nothing changed: %" PRId64 " statement%s already in "
		    "the archive\n", c->unchanged, c->unchanged == 1 ? "" :
		    "s");
		return;
	}
	printf("%" PRId64 " new, %" PRId64 " updated, %" PRId64 " unchanged, "
	    "%" PRId64 " rejected, %" PRId64 " unresolved actor%s\n",
	    c->added, c->updated, c->unchanged, c->rejected, c->unresolved,
	    c->unresolved == 1 ? "" : "s");
}

/*
 * A recode writes each coded statement again, whether or not its rule
 * claims came out different, and counts it as updated: say recoded.
 */
static void
print_recoded(const struct dm_import_counts *c)
{
	printf("%" PRId64 " statement%s recoded, %" PRId64 " rejected, "
	    "%" PRId64 " unresolved actor%s\n", c->updated, c->updated == 1 ?
	    "" : "s", c->rejected, c->unresolved, c->unresolved == 1 ? "" :
	    "s");
}

/* What the options ask besides the import's own. */
struct run {
	int quiet, recode, feed;
};

/* Applies option ch: -1 to go on, else the status to end with. */
static int
option(int ch, char **argv, struct dm_import_options *opt, struct run *run)
{
	long n;

	switch (ch) {
	case CLI_OPT_HELP:
		return cli_help(&spec);
	case CLI_OPT_UPDATE:
		opt->flags |= DM_IMPORT_UPDATE;
		return -1;
	case CLI_OPT_STRICT:
		opt->flags |= DM_IMPORT_STRICT;
		return -1;
	case CLI_OPT_KEEP_GOING:
		opt->flags |= DM_IMPORT_KEEP_GOING;
		return -1;
	case CLI_OPT_TEXT:
		opt->format = "text";
		return -1;
	case CLI_OPT_FORMAT:
		opt->format = optarg;
		return -1;
	case CLI_OPT_FEED:
		run->feed = 1;
		return -1;
	case CLI_OPT_TIMEOUT:
		if ((opt->timeout = seconds(optarg, 1)) < 0)
			return cli_usage("import", "--timeout takes 1 "
			    "to 3600 seconds, not '%s'", optarg);
		return -1;
	case CLI_OPT_DELAY:
		if ((n = seconds(optarg, 0)) < 0)
			return cli_usage("import", "--delay takes 0 to "
			    "3600 seconds, not '%s'", optarg);
		opt->delay = n == 0 ? -1 : (double)n;
		return -1;
	case CLI_OPT_ISSUER:
		opt->issuer = optarg;
		return -1;
	case CLI_OPT_DATE:
		opt->date = optarg;
		return -1;
	case CLI_OPT_DATE_ORDER:
		if (dm_date_order_parse(&opt->date_order, optarg) != 0)
			return cli_usage("import", "--date-order takes "
			    "'dmy' or 'mdy', not '%s'", optarg);
		return -1;
	case CLI_OPT_QUIET:
		run->quiet = 1;
		return -1;
	case CLI_OPT_RECODE:
		run->recode = 1;
		return -1;
	default:
		return cli_bad_option("import", ch, argv);
	}
}

int
cmd_import(int argc, char **argv)
{
	struct dm_import_options opt;
	struct dm_import_counts counts;
	struct progress pr;
	dm_archive *a = NULL;
	struct run run;
	int64_t items = 0;
	int ch, rc, err, i;

	memset(&opt, 0, sizeof(opt));
	memset(&counts, 0, sizeof(counts));
	memset(&run, 0, sizeof(run));
	while ((ch = cli_getopt(argc, argv, &spec)) != -1)
		if ((rc = option(ch, argv, &opt, &run)) != -1)
			return rc;
	if (run.recode && run.feed)
		return cli_usage("import", "--recode and --feed do not go "
		    "together");
	if (run.recode && optind < argc)
		return cli_usage("import", "--recode takes no files");
	if (!run.recode && optind >= argc)
		return cli_usage("import", "no file to import (give FILE, or "
		    "'-' for standard input)");
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	memset(&pr, 0, sizeof(pr));
	opt.report = report;
	opt.ctx = &pr;
	if (!run.quiet && isatty(STDERR_FILENO))
		opt.progress = show_progress;
	if (run.recode && dm_recode(a, &opt, &counts) != 0)
		rc = cli_fail();
	for (i = optind; i < argc; i++) {
		pr.file = argv[i];
		pr.start = now();
		pr.shown = 0;
		err = run.feed ? dm_import_feed(a, argv[i], &opt, &counts,
		    &items) : dm_import_file(a, argv[i], &opt, &counts);
		if (err != 0) {
			if (pr.shown)
				fputs("\r\033[K", stderr);
			rc = cli_fail();
			if (!(opt.flags & DM_IMPORT_KEEP_GOING))
				break;
		} else if (pr.shown)
			fputs("\r\033[K", stderr);
	}
	report_unresolved_rest(&pr);
	/* A run that failed before anything was counted has nothing to say. */
	if (rc == CLI_OK || counts.added + counts.updated + counts.unchanged +
	    counts.rejected > 0) {
		if (run.feed)
			printf("%" PRId64 " new item%s fetched\n", items,
			    items == 1 ? "" : "s");
		if (run.recode)
			print_recoded(&counts);
		else
			print_counts(&counts);
	}
	if (counts.rejected > 0)
		rc = CLI_FAIL;
	dm_archive_free(a);
	return rc;
}

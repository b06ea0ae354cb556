#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_OUTPUT = 'o',
	OPT_PER = 1024,
	OPT_GROUP,
	OPT_TOP,
	OPT_WIDE,
	OPT_STATEMENTS,
};

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	CLI_PAIR_OPTIONS,
	{ "method", required_argument, NULL, CLI_OPT_METHOD },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "per", required_argument, NULL, OPT_PER },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "wide", no_argument, NULL, OPT_WIDE },
	{ "statements", no_argument, NULL, OPT_STATEMENTS },
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	const char *output;

	/* The shared filters but --limit: every period is counted. */
	output = strstr(cli_filter_help, "  --limit");
	printf("usage: demarche [--db PATH] timeline [filters] "
	    "[--per PERIOD] [--group G]\n"
	    "                 [--top N] [--statements] [--wide] "
	    "[--format F] [-o FILE]\n"
	    "\n"
	    "How many claims (or statements) each period holds, by the date "
	    "of their\nstatement, every period from the first to the last "
	    "present, with 0\nwhere there is none.  The filters are those "
	    "of 'claims' ('statements'\nwith --statements).  A date known "
	    "only to its month counts in its\nmonth, quarter and year; "
	    "where a period is shorter than a date (2021-07\nat --per day "
	    "or week) the date is left out, and standard error says\nhow "
	    "many were.\n"
	    "\n"
	    "  --per P          day, week (ISO: 2021-W29), month (the "
	    "default),\n"
	    "                   quarter (2021-Q3) or year\n"
	    "  --group G        a count per pair (accuser -> accused), by "
	    "(claimant),\n"
	    "                   against (target), kind or issuer; a claim "
	    "counts in\n"
	    "                   each of its targets' groups\n"
	    "  --top N          the N groups with the most, the rest summed "
	    "as '(other)'\n"
	    "  --statements     count statements (groups: kind, issuer)\n"
	    "  --by A           claims made by A (or an actor under it)\n"
	    "  --against B      claims aimed at B (or an actor under it)\n"
	    "  --method M       claims coded so: curated or rule\n"
	    "  --rollup         groups of top-level actors (CHN.MFA counts "
	    "as CHN)\n"
	    "  --wide           one column per group instead of a row each\n"
	    "  --format F       table (with a bar per row), csv, tsv, json, "
	    "jsonl\n"
	    "                   (rows of period, group, count), or svg: "
	    "the counts as\n"
	    "                   lines, the default when FILE ends in .svg\n"
	    "  --csv, --json    short for --format csv, --format json\n"
	    "  --excel          csv for spreadsheets: a BOM, and formulas "
	    "kept as text\n"
	    "  -o, --output FILE  write to FILE, whole or not at all\n"
	    "\n"
	    "Example: China's accusations against NATO per quarter:\n"
	    "  demarche timeline --by CHN --against NATO --per quarter \\\n"
	    "      --kind accuse,criticize,condemn\n"
	    "\n%.*s", output ? (int)(output - cli_filter_help) :
	    (int)strlen(cli_filter_help), cli_filter_help);
}

int
cmd_timeline(int argc, char **argv)
{
	struct dm_timeline_options opt;
	struct dm_timeline_result res;
	struct cli_query q;
	dm_archive *a = NULL;
	const char *path = NULL, *noun;
	char *end;
	size_t n;
	int ch, rc;

	memset(&opt, 0, sizeof(opt));
	cli_query_init(&q);
	q.out.format = NULL;
	while ((ch = cli_getopt_long(argc, argv, ":ho:", opts)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			return CLI_OK;
		case OPT_OUTPUT:
			path = optarg;
			break;
		case OPT_PER:
			opt.per = optarg;
			break;
		case OPT_GROUP:
			opt.group = optarg;
			break;
		case OPT_TOP:
			errno = 0;
			opt.top = strtoll(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    opt.top <= 0)
				return cli_usage("timeline", "--top needs a "
				    "positive number, not '%s'", optarg);
			break;
		case OPT_WIDE:
			opt.wide = 1;
			break;
		case OPT_STATEMENTS:
			opt.statements = 1;
			break;
		case CLI_OPT_LIMIT:
		case CLI_OPT_MUTUAL:
			return cli_usage("timeline", "--%s does not apply: "
			    "every claim of every period is counted",
			    ch == CLI_OPT_LIMIT ? "limit" : "mutual");
		default:
			if ((rc = cli_query_option(&q, "timeline", ch, optarg,
			    argv)) != CLI_OK)
				return rc;
			break;
		}
	}
	if (optind < argc)
		return cli_usage("timeline", "unexpected argument '%s'",
		    argv[optind]);
	if (q.out.format == NULL)
		q.out.format = path != NULL && (n = strlen(path)) >= 4 &&
		    strcmp(path + n - 4, ".svg") == 0 ? "svg" : "table";
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	noun = opt.statements ? "statement" : "claim";
	if ((rc = dm_timeline(a, &q.filter, &opt, &q.out, path, &res)) != 0)
		rc = cli_query_fail(rc);
	else {
		if (res.left_out > 0)
			cli_note("%" PRId64 " %s%s dated more broadly than a "
			    "%s left out", res.left_out, noun,
			    res.left_out == 1 ? "" : "s", opt.per ? opt.per : "month");
		if (res.periods == 0 && strcmp(q.out.format, "table") == 0)
			fprintf(stderr, "no %ss\n", noun);
		else if (path != NULL)
			cli_note("%" PRId64 " period%s written to '%s'",
			    res.periods, res.periods == 1 ? "" : "s", path);
	}
	dm_archive_free(a);
	return rc;
}

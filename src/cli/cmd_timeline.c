#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_REFUSE(CLI_OPT_LIMIT, "every claim of every period is counted"),
	CLI_VALUE(CLI_OPT_PER, "per", "P", "day, week (ISO: "
	    "2021-W29), month (the default), quarter (2021-Q3) or year"),
	CLI_VALUE(CLI_OPT_GROUP_BY, "group", "G", "a count per "
	    "pair (accuser -> accused), by (claimant), against (target), kind "
	    "or issuer; a claim counts in each of its targets' groups"),
	CLI_VALUE(CLI_OPT_TOP, "top", "N", "the N groups with the "
	    "most, the rest summed as '(other)'"),
	CLI_FLAG(CLI_OPT_STATEMENTS, "statements", "count "
	    "statements (groups: kind, issuer)"),
	CLI_INCLUDE(cli_pairs),
	CLI_REFUSE(CLI_OPT_MUTUAL, "every claim of every period is counted"),
	CLI_RETELL(CLI_OPT_ROLLUP, "groups of top-level actors (CHN.MFA "
	    "counts as CHN)"),
	CLI_VALUE(CLI_OPT_METHOD, "method", "M", "claims coded "
	    "so: curated, rule or reviewed"),
	CLI_FLAG(CLI_OPT_WIDE, "wide", "one column per group "
	    "instead of a row each"),
	CLI_RETELL(CLI_OPT_FORMAT, "table (with a bar per row), csv, tsv, "
	    "json, jsonl (rows of period, group, count), or svg: the counts "
	    "as lines, the default when FILE ends in .svg"),
	CLI_INCLUDE(cli_output),
	CLI_INCLUDE(cli_to_file),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "timeline",
	.about = "How many claims (or statements) each period holds, by the "
	    "date of their\nstatement, every period from the first to the "
	    "last present, with 0\nwhere there is none.  The filters are "
	    "those of 'claims' ('statements'\nwith --statements).  A date "
	    "known only to its month counts in its\nmonth, quarter and year; "
	    "where a period is shorter than a date (2021-07\nat --per day "
	    "or week) the date is left out, and standard error says\nhow "
	    "many were.\n"
	    "\n"
	    "Example: China's accusations against NATO per quarter:\n"
	    "  demarche timeline --by CHN --against NATO --per quarter \\\n"
	    "      --kind accuse,criticize,condemn\n",
	.opts = opts,
};

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
	while ((ch = cli_getopt(argc, argv, &spec)) != -1) {
		switch (ch) {
		case CLI_OPT_HELP:
			return cli_help(&spec);
		case CLI_OPT_OUTPUT:
			path = optarg;
			break;
		case CLI_OPT_PER:
			opt.per = optarg;
			break;
		case CLI_OPT_GROUP_BY:
			opt.group = optarg;
			break;
		case CLI_OPT_TOP:
			errno = 0;
			opt.top = strtoll(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    opt.top <= 0)
				return cli_usage("timeline", "--top needs a "
				    "positive number, not '%s'", optarg);
			break;
		case CLI_OPT_WIDE:
			opt.wide = 1;
			break;
		case CLI_OPT_STATEMENTS:
			opt.statements = 1;
			break;
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

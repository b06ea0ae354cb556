/*
 * The options every listing command shares: filters and output format.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimkind.h"
#include "cli.h"

static const struct cli_opt filter_opts[] = {
	CLI_VALUE(CLI_OPT_ACTOR, "actor", "A", "issued or "
	    "claimed by A (code, name or alias), or by any actor under it "
	    "(CHN takes in CHN.MFA)"),
	CLI_FLAG(CLI_OPT_EXACT, "exact", "actors without "
	    "those under them"),
	CLI_VALUE(CLI_OPT_FROM, "from", "D", "dated on or after "
	    "D; a month or a year counts from its first day"),
	CLI_VALUE(CLI_OPT_TO, "to", "D", "dated on or before D; "
	    "a month or a year counts to its last day"),
	CLI_VALUE(CLI_OPT_ON, "on", "D", "--from D --to D"),
	CLI_VALUE(CLI_OPT_DATE_ORDER, "date-order", "dmy|mdy",
	    "how to read a date like 07/08/2021"),
	CLI_VALUE(CLI_OPT_KIND, "kind", "K,...", "only these "
	    "kinds"),
	CLI_VALUE(CLI_OPT_TOPIC, "topic", "T", "only claims, or "
	    "statements with a claim, on topic T"),
	CLI_VALUE(CLI_OPT_LIMIT, "limit", "N", "at most N rows"),
	{ 0 }
};

const struct cli_group cli_filters = { "Filters:", "[filters]",
    filter_opts };

static const struct cli_opt output_opts[] = {
	CLI_VALUE(CLI_OPT_FORMAT, "format", "F", "table "
	    "(default), csv, tsv, json or jsonl"),
	CLI_FLAG(CLI_OPT_CSV, "csv", "short for --format "
	    "csv"),
	CLI_FLAG(CLI_OPT_JSON, "json", "short for --format "
	    "json"),
	CLI_FLAG(CLI_OPT_EXCEL, "excel", "csv for "
	    "spreadsheets: a BOM, and formulas kept as text"),
	{ 0 }
};

const struct cli_group cli_output = { "Output:", "[--format F]",
    output_opts };

static const struct cli_opt pair_opts[] = {
	CLI_VALUE(CLI_OPT_BY, "by", "A", "made by A (or an "
	    "actor under it)"),
	CLI_VALUE(CLI_OPT_AGAINST, "against", "B", "aimed at B "
	    "(or an actor under it)"),
	CLI_FLAG(CLI_OPT_MUTUAL, "mutual", "only pairs that "
	    "accused each other"),
	CLI_FLAG(CLI_OPT_ROLLUP, "rollup", "count every actor "
	    "as its top-level actor (CHN.MISSION-EU as CHN)"),
	{ 0 }
};

const struct cli_group cli_pairs = { NULL, NULL, pair_opts };

static const struct cli_opt claim_opts[] = {
	CLI_VALUE(CLI_OPT_BY, "by", "A", "made by A (or an actor under it)"),
	CLI_VALUE(CLI_OPT_TARGET, "target", "B", "aimed at B (or an actor "
	    "under it)"),
	{ 0 }
};

const struct cli_group cli_claimant = { NULL, NULL, claim_opts };

static const struct cli_opt file_opts[] = {
	{ .id = CLI_OPT_OUTPUT, .name = "output", .short_name = 'o',
	    .arg = CLI_ARG_REQUIRED, .value = "FILE", .help = "write to "
	    "FILE, whole or not at all (default: standard output)" },
	{ 0 }
};

const struct cli_group cli_to_file = { NULL, NULL, file_opts };

void
cli_claim_kinds_help(void)
{
	size_t i;

	printf("Claim kinds, the gravest first, with their CAMEO codes; "
	    "those marked *\nare accusations, what who counts unless "
	    "--kind names others:\n");
	for (i = 0; i < CLAIM_KIND__MAX; i++)
		printf("  %-10s %s %c %s\n", claim_kinds[i].name,
		    claim_kinds[i].cameo, claim_kinds[i].accusation ? '*' : ' ',
		    claim_kinds[i].help);
}

void
cli_query_init(struct cli_query *q)
{
	memset(q, 0, sizeof(*q));
	q->out.fp = stdout;
	q->out.format = "table";
}

/* arg as a number above 0, else -1. */
static long long
positive(const char *arg)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(arg, &end, 10);
	return errno != 0 || end == arg || *end != '\0' || n <= 0 ? -1 : n;
}

/* Applies the shared option ch: -1 when ch is not one, else the status. */
static int
query_option(struct cli_query *q, const char *cmd, int ch, const char *arg)
{
	switch (ch) {
	case CLI_OPT_ACTOR:
		q->filter.actor = arg;
		break;
	case CLI_OPT_FROM:
		q->filter.from = arg;
		break;
	case CLI_OPT_TO:
		q->filter.to = arg;
		break;
	case CLI_OPT_ON:
		q->filter.from = q->filter.to = arg;
		break;
	case CLI_OPT_DATE_ORDER:
		if (dm_date_order_parse(&q->filter.date_order, arg) != 0)
			return cli_usage(cmd, "--date-order takes 'dmy' or "
			    "'mdy', not '%s'", arg);
		break;
	case CLI_OPT_KIND:
		q->filter.kinds = arg;
		break;
	case CLI_OPT_TOPIC:
		q->filter.topic = arg;
		break;
	case CLI_OPT_EXACT:
		q->filter.exact = 1;
		break;
	case CLI_OPT_LIMIT:
		if ((q->filter.limit = positive(arg)) < 0)
			return cli_usage(cmd, "--limit needs a positive "
			    "number, not '%s'", arg);
		break;
	case CLI_OPT_FORMAT:
		q->out.format = arg;
		break;
	case CLI_OPT_CSV:
		q->out.format = "csv";
		break;
	case CLI_OPT_JSON:
		q->out.format = "json";
		break;
	case CLI_OPT_EXCEL:
		q->out.flags |= DM_OUT_EXCEL;
		break;
	case CLI_OPT_BY:
		q->filter.by = arg;
		break;
	case CLI_OPT_AGAINST:
	case CLI_OPT_TARGET:
		q->filter.target = arg;
		break;
	case CLI_OPT_METHOD:
		q->filter.method = arg;
		break;
	case CLI_OPT_MUTUAL:
		q->filter.mutual = 1;
		break;
	case CLI_OPT_ROLLUP:
		q->filter.rollup = 1;
		break;
	case CLI_OPT_SEARCH:
		q->filter.text = arg;
		break;
	case CLI_OPT_UNRESOLVED:
		q->filter.unresolved = 1;
		break;
	case CLI_OPT_RAW:
		q->filter.raw = 1;
		break;
	case CLI_OPT_OUTPUT:
		q->path = arg;
		break;
	default:
		return -1;
	}
	return CLI_OK;
}

int
cli_query_option(struct cli_query *q, const char *cmd, int ch,
    const char *arg, char **argv)
{
	int rc = query_option(q, cmd, ch, arg);

	return rc == -1 ? cli_bad_option(cmd, ch, argv) : rc;
}

int
cli_query_output(struct cli_query *q, const char *cmd)
{
	if (!(q->out.flags & DM_OUT_EXCEL))
		return CLI_OK;
	if (strcmp(q->out.format, "table") != 0 &&
	    strcmp(q->out.format, "csv") != 0)
		return cli_usage(cmd, "--excel is csv for spreadsheets; it "
		    "does not go with --format %s", q->out.format);
	q->out.format = "csv";
	return CLI_OK;
}

int
cli_query_fail(int rc)
{
	cli_fail();
	return rc == DM_EINVALID ? CLI_USAGE : CLI_FAIL;
}

int
cli_query_list(struct cli_query *q, enum dm_listing what, const char *noun)
{
	dm_archive *a = NULL;
	int64_t n;
	int rc;

	if (strcmp(q->out.format, "table") == 0 && isatty(STDOUT_FILENO))
		q->out.flags |= DM_OUT_TRUNCATE;
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_list(a, what, &q->filter, &q->out, &n)) != 0)
		rc = cli_query_fail(rc);
	else if (n == 0 && strcmp(q->out.format, "table") == 0)
		fprintf(stderr, "no %s\n", noun);
	dm_archive_free(a);
	return rc;
}

int
cli_query_getopt(struct cli_query *q, int argc, char **argv,
    const struct cli_spec *spec, int *rc)
{
	int ch;

	while ((ch = cli_getopt(argc, argv, spec)) != -1) {
		if (ch == CLI_OPT_HELP) {
			*rc = cli_help(spec);
			return -1;
		}
		if (ch == CLI_OPT_BAD)
			*rc = cli_bad_option(spec->cmd, ch, argv);
		else if ((*rc = query_option(q, spec->cmd, ch, optarg)) == -1)
			return ch;
		if (*rc != CLI_OK)
			return -1;
	}
	*rc = -1;
	return -1;
}

int
cli_query_parse(struct cli_query *q, int argc, char **argv,
    const struct cli_spec *spec)
{
	int ch, rc;

	if ((ch = cli_query_getopt(q, argc, argv, spec, &rc)) != -1)
		return cli_bad_option(spec->cmd, ch, argv);
	return rc;
}

int
cli_listing(int argc, char **argv, const struct cli_spec *spec,
    enum dm_listing what, const char *noun)
{
	struct cli_query q;
	int rc;

	cli_query_init(&q);
	if ((rc = cli_query_parse(&q, argc, argv, spec)) != -1)
		return rc;
	if (optind < argc)
		return cli_usage(spec->cmd, "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_query_output(&q, spec->cmd)) != CLI_OK)
		return rc;
	return cli_query_list(&q, what, noun);
}

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

const char cli_filter_help[] =
    "Filters:\n"
    "  --actor A     issued or claimed by A (code, name or alias), or by\n"
    "                any actor under it (CHN takes in CHN.MFA)\n"
    "  --exact       actors without those under them\n"
    "  --from D      dated on or after D; a month or a year counts from\n"
    "                its first day\n"
    "  --to D        dated on or before D; a month or a year counts to\n"
    "                its last day\n"
    "  --on D        --from D --to D\n"
    "  --date-order dmy|mdy\n"
    "                how to read a date like 07/08/2021\n"
    "  --kind K,...  only these kinds\n"
    "  --topic T     only claims, or statements with a claim, on topic T\n"
    "  --limit N     at most N rows\n";

const char cli_output_help[] =
    "Output:\n"
    "  --format F    table (default), csv, tsv, json or jsonl\n"
    "  --csv, --json short for --format csv, --format json\n"
    "  --excel       csv for spreadsheets: a BOM, and formulas kept as\n"
    "                text\n";

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

int
cli_query_option(struct cli_query *q, const char *cmd, int ch,
    const char *arg, char **argv)
{
	char *end;
	long long n;

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
		errno = 0;
		n = strtoll(arg, &end, 10);
		if (errno != 0 || end == arg || *end != '\0' || n <= 0)
			return cli_usage(cmd, "--limit needs a positive "
			    "number, not '%s'", arg);
		q->filter.limit = n;
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
	default:
		return cli_bad_option(cmd, ch, argv);
	}
	return CLI_OK;
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
cli_listing(int argc, char **argv, const struct option *opts,
    void (*help)(void), enum dm_listing what, const char *noun)
{
	struct cli_query q;
	int ch, rc;

	cli_query_init(&q);
	while ((ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (ch == 'h') {
			help();
			return CLI_OK;
		}
		if ((rc = cli_query_option(&q, argv[0], ch, optarg, argv)) !=
		    CLI_OK)
			return rc;
	}
	if (optind < argc)
		return cli_usage(argv[0], "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_query_output(&q, argv[0])) != CLI_OK)
		return rc;
	return cli_query_list(&q, what, noun);
}

/*
 * claims accept|reject|edit: a reviewer's decisions without a terminal,
 * for scripts and other tools (the interactive form is cmd_review.c).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_VALUE(CLI_OPT_REVIEWER, "reviewer", "NAME", "who "
	    "decided, kept with the decision"),
	CLI_VALUE(CLI_OPT_KIND, "kind", "K", "edit: the claim's "
	    "kind"),
	CLI_VALUE(CLI_OPT_BY, "by", "A", "edit: the claimant "
	    "(code, name or alias)"),
	CLI_VALUE(CLI_OPT_TARGET, "target", "A,B", "edit: the "
	    "targets, comma-separated ('' for none)"),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "claims",
	.usage = "claims accept|reject|edit",
	.operands = "ID...",
	.about = "Decides on claims the rule coder proposed (claims --method "
	    "rule), by\nclaim_id; '-' reads ids from standard input.  An "
	    "accepted or edited\nclaim becomes a claim of method reviewed; a "
	    "rejected one leaves the\nlistings and 'who', and stays rejected "
	    "when the statement is coded\nagain.  All the ids are decided "
	    "together or none is.  'demarche review'\ndecides one at a time "
	    "on a terminal.  --kind, --by and --target are\nedit's.\n",
	.opts = opts,
};

/* "claims accept", "claims reject" or "claims edit": whose help to see. */
static char self[32] = "claims";

struct ids {
	int64_t *v;
	size_t   n, cap;
};

static int
add_id(struct ids *ids, const char *s, const char *where)
{
	char *end;
	long long v;
	int64_t *grown;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v <= 0)
		return cli_usage(self, "%s: '%s' is not a claim id", where,
		    s);
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? 2 * ids->cap : 16;
		if ((grown = realloc(ids->v, ids->cap * sizeof(*grown))) ==
		    NULL)
			return cli_error("out of memory");
		ids->v = grown;
	}
	ids->v[ids->n++] = v;
	return CLI_OK;
}

/* The ids of standard input, separated by white space. */
static int
read_ids(struct ids *ids)
{
	char word[32], where[48];
	long n = 0;
	int rc;

	while (scanf("%31s", word) == 1) {
		snprintf(where, sizeof(where), "standard input, id %ld", ++n);
		if ((rc = add_id(ids, word, where)) != CLI_OK)
			return rc;
	}
	if (ferror(stdin))
		return cli_error("cannot read standard input");
	return CLI_OK;
}

/* "A,B" as a list of references, in place; "" is none. */
static char **
split_targets(char *s, size_t *n)
{
	char **v, *p;
	size_t k = 1;

	for (p = s; *p; p++)
		k += *p == ',';
	if ((v = calloc(k, sizeof(*v))) == NULL)
		return NULL;
	*n = 0;
	for (p = strtok(s, ","); p != NULL; p = strtok(NULL, ","))
		v[(*n)++] = p;
	return v;
}

/*
 * Parses the options into d, its targets split in *targets.  Returns -1
 * to go on, else the status to end with.
 */
static int
options(int argc, char **argv, struct dm_decision *d, char ***targets)
{
	int ch;

	while ((ch = cli_getopt(argc, argv, &spec)) != -1) {
		switch (ch) {
		case CLI_OPT_HELP:
			return cli_help(&spec);
		case CLI_OPT_REVIEWER:
			d->reviewer = optarg;
			continue;
		case CLI_OPT_KIND:
			d->kind = optarg;
			break;
		case CLI_OPT_BY:
			d->by = optarg;
			break;
		case CLI_OPT_TARGET:
			free(*targets);
			if ((*targets = split_targets(optarg, &d->ntargets)) ==
			    NULL)
				return cli_error("out of memory");
			d->targets = (const char *const *)*targets;
			break;
		default:
			return cli_bad_option(self, ch, argv);
		}
		if (d->what != DM_EDIT)
			return cli_usage(self, "%s takes no '%s': use edit",
			    argv[0], argv[optind - 1]);
	}
	return -1;
}

int
cmd_claims_decide(int argc, char **argv)
{
	struct dm_decision d;
	struct ids ids = { NULL, 0, 0 };
	int64_t *added = NULL;
	char **targets = NULL;
	dm_archive *a = NULL;
	const char *verb = argv[0], *done;
	int rc, stdin_read = 0;
	size_t i;

	memset(&d, 0, sizeof(d));
	d.what = strcmp(verb, "accept") == 0 ? DM_ACCEPT :
	    strcmp(verb, "reject") == 0 ? DM_REJECT : DM_EDIT;
	done = d.what == DM_ACCEPT ? "accepted" : d.what == DM_REJECT ?
	    "rejected" : "edited";
	snprintf(self, sizeof(self), "claims %s", d.what == DM_ACCEPT ?
	    "accept" : d.what == DM_REJECT ? "reject" : "edit");
	if ((rc = options(argc, argv, &d, &targets)) != -1)
		goto out;
	rc = CLI_OK;
	if (d.what == DM_EDIT && !d.kind && !d.by && !d.targets) {
		rc = cli_usage(self, "edit needs --kind, --by or --target");
		goto out;
	}
	for (i = (size_t)optind; i < (size_t)argc && rc == CLI_OK; i++) {
		if (strcmp(argv[i], "-") != 0)
			rc = add_id(&ids, argv[i], "argument");
		else if (!stdin_read++)
			rc = read_ids(&ids);
	}
	if (rc != CLI_OK)
		goto out;
	if (ids.n == 0) {
		rc = cli_usage(self, "%s needs claim ids ('-' reads them "
		    "from standard input)", verb);
		goto out;
	}
	if ((added = calloc(ids.n, sizeof(*added))) == NULL) {
		rc = cli_error("out of memory");
		goto out;
	}
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		goto out;
	if (dm_claims_decide(a, ids.v, ids.n, &d, added) != 0) {
		rc = cli_fail();
		goto out;
	}
	for (i = 0; i < ids.n; i++)
		if (added[i])
			printf("claim %" PRId64 " %s: claim %" PRId64 "\n",
			    ids.v[i], done, added[i]);
		else
			printf("claim %" PRId64 " %s\n", ids.v[i], done);
out:
	dm_archive_free(a);
	free(added);
	free(targets);
	free(ids.v);
	return rc;
}

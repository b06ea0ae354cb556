#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_opt list_opts[] = {
	CLI_VALUE(CLI_OPT_SEARCH, "search", "TEXT", "code, name "
	    "or alias contains TEXT (any case)"),
	CLI_FLAG(CLI_OPT_UNRESOLVED, "unresolved", "only "
	    "actors made for references to nobody, each with the nearest "
	    "known actor (nearest_code)"),
	CLI_INCLUDE(cli_filters),
	CLI_RETELL(CLI_OPT_ACTOR, "A and the actors under it"),
	CLI_RETELL(CLI_OPT_KIND, "actor kinds (state, igo, mission, ...)"),
	CLI_REFUSE(CLI_OPT_FROM, "actors have no date"),
	CLI_REFUSE(CLI_OPT_TO, "actors have no date"),
	CLI_REFUSE(CLI_OPT_ON, "actors have no date"),
	CLI_REFUSE(CLI_OPT_DATE_ORDER, "actors have no date"),
	CLI_REFUSE(CLI_OPT_TOPIC, "actors have no topic"),
	CLI_INCLUDE(cli_output),
	{ 0 }
};

static const char *const forms[] = {
	"actors add CODE NAME [options] (actors add --help)",
	"actors alias REF ALIAS",
	"actors merge FROM INTO",
	"actors resolve NAME",
	NULL
};

static const struct cli_spec list_spec = {
	.cmd = "actors",
	.forms = forms,
	.about = "Lists actors by code: name, kind, parent, country, aliases, "
	    "and how\nmany statements they issued, claims they made and claims "
	    "aimed at\nthem.\n"
	    "\n"
	    "add     adds an actor, or new aliases to an existing one\n"
	    "alias   gives the actor REF (code, name or alias) another name\n"
	    "merge   folds actor FROM into INTO, keeping every reference and "
	    "alias\n"
	    "resolve prints the actor an import would take NAME for (\"Embassy "
	    "of Japan\n        in Canada\": JPN.EMBASSY-CAN) and the rule that "
	    "did it: the\n        archive's names, the gazetteer, or a line of "
	    "the built-in patterns\n",
	.opts = list_opts,
};

static const struct cli_opt add_opts[] = {
	CLI_VALUE(CLI_OPT_KIND, "kind", "K", "its kind (state, "
	    "igo, mission, ...)"),
	CLI_VALUE(CLI_OPT_COUNTRY, "country", "C", "the state "
	    "it belongs to (ISO alpha-3)"),
	CLI_VALUE(CLI_OPT_ALIAS, "alias", "A", "another name for "
	    "it; given again, another"),
	{ 0 }
};

static const struct cli_spec add_spec = {
	.cmd = "actors",
	.usage = "actors add",
	.operands = "CODE NAME",
	.about = "Adds actor CODE named NAME, or new aliases to an existing "
	    "one.\n",
	.opts = add_opts,
};

static int
actors_add(int argc, char **argv)
{
	struct dm_actor_spec spec;
	const char **aliases;
	dm_archive *a = NULL;
	int ch, rc, created;

	memset(&spec, 0, sizeof(spec));
	if ((aliases = calloc((size_t)argc, sizeof(*aliases))) == NULL)
		return cli_error("out of memory");
	rc = CLI_OK;
	while (rc == CLI_OK && (ch = cli_getopt(argc, argv, &add_spec)) !=
	    -1) {
		switch (ch) {
		case CLI_OPT_HELP:
			free(aliases);
			return cli_help(&add_spec);
		case CLI_OPT_KIND:
			spec.kind = optarg;
			break;
		case CLI_OPT_COUNTRY:
			spec.country = optarg;
			break;
		case CLI_OPT_ALIAS:
			aliases[spec.naliases++] = optarg;
			break;
		default:
			rc = cli_bad_option("actors", ch, argv);
			break;
		}
	}
	if (rc == CLI_OK && argc - optind != 2)
		rc = cli_usage("actors", "'actors add' takes CODE and NAME");
	if (rc == CLI_OK)
		rc = cli_open(&a, 0);
	if (rc == CLI_OK) {
		spec.code = argv[optind];
		spec.name = argv[optind + 1];
		spec.aliases = aliases;
		if ((rc = dm_actor_add(a, &spec, &created)) != 0)
			rc = cli_query_fail(rc);
		else
			cli_note(created ? "added '%s'" :
			    "'%s' exists: its new aliases added", spec.code);
	}
	dm_archive_free(a);
	free(aliases);
	return rc;
}

/* actors alias REF ALIAS, actors merge FROM INTO. */
static int
actors_pair(const char *sub, int argc, char **argv)
{
	dm_archive *a = NULL;
	int rc;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return cli_help(&list_spec);
	if (argc != 3)
		return cli_usage("actors", "'actors %s' takes two arguments",
		    sub);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if (strcmp(sub, "alias") == 0)
		rc = dm_actor_alias(a, argv[1], argv[2]);
	else
		rc = dm_actor_merge(a, argv[1], argv[2]);
	if (rc != 0)
		rc = cli_query_fail(rc);
	else if (strcmp(sub, "alias") == 0)
		cli_note("'%s' is an alias of '%s'", argv[2], argv[1]);
	else
		cli_note("'%s' merged into '%s': its statements, claims and "
		    "aliases are now those of '%s'", argv[1], argv[2], argv[2]);
	dm_archive_free(a);
	return rc;
}

static int
print_resolved(void *ctx, const struct dm_resolved_actor *r)
{
	int *n = ctx;

	printf("%scode\t%s\nname\t%s\nkind\t%s\nparent\t%s\n"
	    "country\t%s\nexists\t%s\nrule\t%s\n", (*n)++ ? "\n" : "",
	    r->code, r->name, r->kind, r->parent, r->country,
	    r->exists ? "yes" : "no (made on first use)", r->rule);
	return 0;
}

/* actors resolve NAME. */
static int
actors_resolve(int argc, char **argv)
{
	dm_archive *a = NULL;
	int rc, n = 0;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return cli_help(&list_spec);
	if (argc != 2)
		return cli_usage("actors", "'actors resolve' takes one name");
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_actor_resolve(a, argv[1], print_resolved, &n)) != 0)
		rc = cli_query_fail(rc);
	dm_archive_free(a);
	return rc;
}

int
cmd_actors(int argc, char **argv)
{
	struct cli_query q;
	int rc;

	if (argc > 1 && strcmp(argv[1], "add") == 0)
		return actors_add(argc - 1, argv + 1);
	if (argc > 1 && (strcmp(argv[1], "alias") == 0 ||
	    strcmp(argv[1], "merge") == 0))
		return actors_pair(argv[1], argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "resolve") == 0)
		return actors_resolve(argc - 1, argv + 1);
	cli_query_init(&q);
	if ((rc = cli_query_parse(&q, argc, argv, &list_spec)) != -1)
		return rc;
	if (optind < argc)
		return cli_usage("actors", "unexpected argument '%s' (add, "
		    "alias, merge or resolve)", argv[optind]);
	if ((rc = cli_query_output(&q, "actors")) != CLI_OK)
		return rc;
	/* Unresolved, each with the actor it was likely meant to be. */
	return cli_query_list(&q, q.filter.unresolved ? DM_LIST_UNRESOLVED :
	    DM_LIST_ACTORS, "actors");
}

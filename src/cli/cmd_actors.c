#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_COUNTRY = 1, OPT_ALIAS };

static const struct option list_opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	{ "search", required_argument, NULL, CLI_OPT_SEARCH },
	{ "unresolved", no_argument, NULL, CLI_OPT_UNRESOLVED },
	{ NULL, 0, NULL, 0 }
};

static const struct option add_opts[] = {
	CLI_HELP_OPTION,
	{ "kind", required_argument, NULL, CLI_OPT_KIND },
	{ "country", required_argument, NULL, OPT_COUNTRY },
	{ "alias", required_argument, NULL, OPT_ALIAS },
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] actors [--search TEXT] "
	    "[--unresolved] [filters]\n"
	    "       demarche [--db PATH] actors add CODE NAME [--kind K] "
	    "[--country C]\n"
	    "                                  [--alias A]...\n"
	    "       demarche [--db PATH] actors alias REF ALIAS\n"
	    "       demarche [--db PATH] actors merge FROM INTO\n"
	    "       demarche [--db PATH] actors resolve NAME\n"
	    "\n"
	    "Lists actors by code: name, kind, parent, country, aliases, and "
	    "how\nmany statements they issued, claims they made and claims "
	    "aimed at\nthem.  --actor A lists A and the actors under it; --kind "
	    "names actor\nkinds (state, igo, mission, ...).\n"
	    "\n"
	    "  --search TEXT  code, name or alias contains TEXT (any case)\n"
	    "  --unresolved   only actors made for references to nobody, each\n"
	    "                 with the nearest known actor (nearest_code)\n"
	    "\n"
	    "add     adds an actor, or new aliases to an existing one\n"
	    "alias   gives the actor REF (code, name or alias) another name\n"
	    "merge   folds actor FROM into INTO, keeping every reference and "
	    "alias\n"
	    "resolve prints the actor an import would take NAME for (\"Embassy "
	    "of Japan\n        in Canada\": JPN.EMBASSY-CAN) and the rule that "
	    "did it: the\n        archive's names, the gazetteer, or a line of "
	    "the built-in patterns\n"
	    "\n%s%s", cli_filter_help, cli_output_help);
}

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
	while (rc == CLI_OK && (ch = cli_getopt_long(argc, argv, ":h",
	    add_opts)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			free(aliases);
			return CLI_OK;
		case CLI_OPT_KIND:
			spec.kind = optarg;
			break;
		case OPT_COUNTRY:
			spec.country = optarg;
			break;
		case OPT_ALIAS:
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
	    strcmp(argv[1], "-h") == 0)) {
		print_help();
		return CLI_OK;
	}
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
	    strcmp(argv[1], "-h") == 0)) {
		print_help();
		return CLI_OK;
	}
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
	int ch, rc;

	if (argc > 1 && strcmp(argv[1], "add") == 0)
		return actors_add(argc - 1, argv + 1);
	if (argc > 1 && (strcmp(argv[1], "alias") == 0 ||
	    strcmp(argv[1], "merge") == 0))
		return actors_pair(argv[1], argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "resolve") == 0)
		return actors_resolve(argc - 1, argv + 1);
	cli_query_init(&q);
	while ((ch = cli_getopt_long(argc, argv, ":h", list_opts)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			return CLI_OK;
		default:
			if ((rc = cli_query_option(&q, "actors", ch, optarg,
			    argv)) != CLI_OK)
				return rc;
			break;
		}
	}
	if (optind < argc)
		return cli_usage("actors", "unexpected argument '%s' (add, "
		    "alias, merge or resolve)", argv[optind]);
	if ((rc = cli_query_output(&q, "actors")) != CLI_OK)
		return rc;
	/* Unresolved, each with the actor it was likely meant to be. */
	return cli_query_list(&q, q.filter.unresolved ? DM_LIST_UNRESOLVED :
	    DM_LIST_ACTORS, "actors");
}

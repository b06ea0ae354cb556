#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_FLAG(CLI_OPT_STATUS, "status", "list every "
	    "migration instead of applying them"),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "migrate",
	.about = "Applies the schema migrations the archive lacks, all in one\n"
	    "transaction, after bringing up to date those an older demarche\n"
	    "applied as an earlier text.  With --status, lists every\n"
	    "migration this program knows: applied (with when) or pending,\n"
	    "and whether an applied migration's text changed since.\n",
	.opts = opts,
};

static int
print_migration(void *ctx, const struct dm_migration *m)
{
	(void)ctx;
	printf("%04d  %-28s  %s%s\n", m->version, m->name,
	    m->applied_at ? "applied " : "pending",
	    m->applied_at ? m->applied_at : "");
	if (m->changed)
		printf("      changed since it was applied\n");
	if (m->earlier)
		printf("      applied as an earlier text: 'demarche migrate' "
		    "brings it up to date\n");
	return 0;
}

int
cmd_migrate(int argc, char **argv)
{
	dm_archive *a = NULL;
	int rc, status = 0, applied;

	if ((rc = cli_parse_flags(argc, argv, &spec, &status)) != -1)
		return rc;
	if (optind < argc)
		return cli_usage("migrate", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if (status) {
		if (dm_archive_migrations(a, print_migration, NULL) != 0)
			rc = cli_fail();
	} else if (dm_archive_migrate(a, &applied) != 0)
		rc = cli_fail();
	else
		fprintf(stderr, "%d migration%s applied; schema level %d\n",
		    applied, applied == 1 ? "" : "s", dm_archive_level(a));
	dm_archive_free(a);
	return rc;
}

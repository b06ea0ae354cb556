/*
 * Measures the claim coder on the labelled development set: for every
 * case of tests/coder/ it compares the (claimant, kind, target) triples
 * the coder proposes with those annotated by hand, and prints precision,
 * recall and F1 per case and overall, with kinds as written and with
 * accuse, criticize and condemn counted as one class, "accusation".
 *
 * usage: coder_eval LEXICON GAZETTEER CASEDIR
 * Exits 0 when every case ran, 1 on an error.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder.h"
#include "date.h"
#include "error.h"

#define FIELD_MAX	256

struct triple {
	char	by[FIELD_MAX];
	char	kind[32];
	char	target[FIELD_MAX];
	char	quote[FIELD_MAX];
	int	hit;
};

struct set {
	struct triple	*t;
	size_t		 n, cap;
};

struct score {
	size_t	tp, fp, fn;
};

static char *
slurp(const char *path)
{
	FILE *f;
	char *buf = NULL, *nb;
	size_t n = 0, cap = 0, k;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		if ((k = fread(buf + n, 1, 4096, f)) == 0)
			break;
		n += k;
	}
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static int
set_add(struct set *s, const char *by, const char *kind, const char *target,
    const char *quote)
{
	struct triple *t, *nt;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->t[i].by, by) == 0 &&
		    strcmp(s->t[i].kind, kind) == 0 &&
		    strcmp(s->t[i].target, target) == 0)
			return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		if ((nt = realloc(s->t, s->cap * sizeof(*nt))) == NULL)
			return -1;
		s->t = nt;
	}
	t = &s->t[s->n++];
	memset(t, 0, sizeof(*t));
	snprintf(t->by, sizeof(t->by), "%s", by);
	snprintf(t->kind, sizeof(t->kind), "%s", kind);
	snprintf(t->target, sizeof(t->target), "%s", target);
	snprintf(t->quote, sizeof(t->quote), "%s", quote ? quote : "");
	return 0;
}

static int
is_code(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!(isupper((unsigned char)*s) ||
		    isdigit((unsigned char)*s) || *s == '.' || *s == '-'))
			return 0;
	return 1;
}

/* Lower-cases s, collapses spaces and drops a leading article. */
static void
norm(const char *s, char *out, size_t n)
{
	static const char *const art[] = { "a ", "an ", "the " };
	size_t i = 0, k;
	int sp = 1;

	for (; *s != '\0' && i + 1 < n; s++) {
		if (isspace((unsigned char)*s)) {
			if (!sp)
				out[i++] = ' ';
			sp = 1;
			continue;
		}
		out[i++] = (char)tolower((unsigned char)*s);
		sp = 0;
	}
	while (i > 0 && out[i - 1] == ' ')
		i--;
	out[i] = '\0';
	for (k = 0; k < sizeof(art) / sizeof(art[0]); k++)
		if (strncmp(out, art[k], strlen(art[k])) == 0)
			memmove(out, out + strlen(art[k]),
			    strlen(out) - strlen(art[k]) + 1);
}

/*
 * Codes must be equal; a mention that names nobody matches the same
 * words, or words that end the other's ("Western countries" and "some
 * Western countries").
 */
static int
same_actor(const char *a, const char *b)
{
	char x[FIELD_MAX], y[FIELD_MAX];
	size_t nx, ny;

	if (is_code(a) || is_code(b))
		return strcmp(a, b) == 0;
	norm(a, x, sizeof(x));
	norm(b, y, sizeof(y));
	nx = strlen(x);
	ny = strlen(y);
	if (nx < ny)
		return strcmp(y + ny - nx, x) == 0 && y[ny - nx - 1] == ' ';
	if (ny < nx)
		return strcmp(x + nx - ny, y) == 0 && x[nx - ny - 1] == ' ';
	return strcmp(x, y) == 0;
}

static const char *
kind_class(const char *kind, int merged)
{
	if (merged && (strcmp(kind, "accuse") == 0 ||
	    strcmp(kind, "criticize") == 0 || strcmp(kind, "condemn") == 0))
		return "accusation";
	return kind;
}

static void
compare(struct set *got, struct set *want, int merged, struct score *sc)
{
	size_t i, j;

	for (j = 0; j < want->n; j++)
		want->t[j].hit = 0;
	for (i = 0; i < got->n; i++) {
		got->t[i].hit = 0;
		for (j = 0; j < want->n; j++) {
			if (want->t[j].hit || !same_actor(got->t[i].by,
			    want->t[j].by) || !same_actor(got->t[i].target,
			    want->t[j].target) ||
			    strcmp(kind_class(got->t[i].kind, merged),
			    kind_class(want->t[j].kind, merged)) != 0)
				continue;
			want->t[j].hit = got->t[i].hit = 1;
			break;
		}
		if (got->t[i].hit)
			sc->tp++;
		else
			sc->fp++;
	}
	for (j = 0; j < want->n; j++)
		if (!want->t[j].hit)
			sc->fn++;
}

static int
collect(void *ctx, const struct coder_claim *cl)
{
	struct set *got = ctx;
	size_t i;

	if (cl->ntargets == 0)
		return set_add(got, cl->by, cl->kind, "-", cl->quote);
	for (i = 0; i < cl->ntargets; i++)
		if (set_add(got, cl->by, cl->kind, cl->targets[i],
		    cl->quote) != 0)
			return -1;
	return 0;
}

static int
load_gazetteer(struct coder *c, const char *path)
{
	char *buf, *line, *nl, *f[5], *alias, *semi;
	size_t i;
	int rc = 0;

	if ((buf = slurp(path)) == NULL) {
		fprintf(stderr, "coder_eval: cannot read '%s'\n", path);
		return -1;
	}
	for (line = buf; line != NULL && rc == 0; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		for (i = 0; i < 5; i++) {
			f[i] = line;
			if (line != NULL && (line = strchr(line, '\t')) != NULL)
				*line++ = '\0';
		}
		if (f[1] == NULL)
			continue;
		rc = coder_add_actor(c, f[1], f[0]);
		for (alias = f[4]; rc == 0 && alias != NULL && *alias != '\0';
		    alias = semi) {
			if ((semi = strchr(alias, ';')) != NULL)
				*semi++ = '\0';
			rc = coder_add_actor(c, alias, f[0]);
		}
	}
	free(buf);
	if (rc != 0)
		fprintf(stderr, "coder_eval: %s: %s\n", path, dm_error_last());
	return rc;
}

/*
 * Reads a case: header lines "Issuer: CODE" and "Date: DATE" ("-" for
 * none), a blank line, the text, then a line "%% expect" and the
 * expected triples "by<TAB>kind<TAB>target" (target "-" for none).
 */
static int
run_case(struct coder *c, const char *path, struct set *got, struct set *want)
{
	struct dm_date d, *dp = NULL;
	char *buf, *p, *text, *exp, *nl = NULL, *f1, *f2;
	char issuer[FIELD_MAX] = "";
	int rc = -1;

	if ((buf = slurp(path)) == NULL) {
		fprintf(stderr, "coder_eval: cannot read '%s'\n", path);
		return -1;
	}
	for (p = buf; *p != '\0' && *p != '\n'; p = nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl++ = '\0';
		if (strncmp(p, "Issuer: ", 8) == 0 && strcmp(p + 8, "-") != 0)
			snprintf(issuer, sizeof(issuer), "%s", p + 8);
		else if (strncmp(p, "Date: ", 6) == 0 &&
		    strcmp(p + 6, "-") != 0) {
			if (date_parse(&d, p + 6, DATE_ORDER_NONE) != 0) {
				fprintf(stderr, "coder_eval: %s: %s\n", path,
				    dm_error_last());
				goto done;
			}
			dp = &d;
		}
	}
	if (nl == NULL || (exp = strstr(p, "\n%% expect\n")) == NULL) {
		fprintf(stderr,
		    "coder_eval: %s: no header or no '%%%% expect'\n", path);
		goto done;
	}
	text = p + 1;
	*exp = '\0';
	exp += strlen("\n%% expect\n");
	for (p = exp; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		if (*p == '#' || *p == '\0')
			continue;
		if ((f1 = strchr(p, '\t')) == NULL ||
		    (f2 = strchr(f1 + 1, '\t')) == NULL) {
			fprintf(stderr, "coder_eval: %s: bad line '%s'\n", path,
			    p);
			goto done;
		}
		*f1++ = '\0';
		*f2++ = '\0';
		if (set_add(want, p, f1, f2, NULL) != 0)
			goto done;
	}
	if (coder_run(c, text, *issuer ? issuer : NULL, dp, collect,
	    got) != 0) {
		fprintf(stderr, "coder_eval: %s: %s\n", path, dm_error_last());
		goto done;
	}
	rc = 0;
done:
	free(buf);
	return rc;
}

static double
ratio(size_t a, size_t b)
{
	return b == 0 ? 1.0 : (double)a / (double)b;
}

static void
report(const char *what, const struct score *sc)
{
	double p = ratio(sc->tp, sc->tp + sc->fp);
	double r = ratio(sc->tp, sc->tp + sc->fn);

	printf("%-28s tp %3zu fp %3zu fn %3zu  P %.3f R %.3f F1 %.3f\n", what,
	    sc->tp, sc->fp, sc->fn, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char *argv[])
{
	struct coder *c = NULL;
	struct set got, want;
	struct score all = { 0, 0, 0 }, merged = { 0, 0, 0 }, sc, scm;
	struct dirent *de;
	DIR *dir = NULL;
	char *lex = NULL, **names = NULL, **nn, path[4096];
	double min_p = 0, min_r = 0;
	size_t i, j, n = 0;
	int rc = 1;

	memset(&got, 0, sizeof(got));
	memset(&want, 0, sizeof(want));
	/* --min-precision P, --min-recall R: fail below them (for CTest). */
	while (argc > 2 && strncmp(argv[1], "--min-", 6) == 0) {
		if (strcmp(argv[1], "--min-precision") == 0)
			min_p = atof(argv[2]);
		else if (strcmp(argv[1], "--min-recall") == 0)
			min_r = atof(argv[2]);
		else
			break;
		argc -= 2;
		argv += 2;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: coder_eval [--min-precision P] "
		    "[--min-recall R] LEXICON GAZETTEER CASEDIR\n");
		return 2;
	}
	if ((lex = slurp(argv[1])) == NULL) {
		fprintf(stderr, "coder_eval: cannot read '%s'\n", argv[1]);
		goto done;
	}
	if (coder_new(&c, lex) != 0) {
		fprintf(stderr, "coder_eval: %s: %s\n", argv[1],
		    dm_error_last());
		goto done;
	}
	if (load_gazetteer(c, argv[2]) != 0)
		goto done;
	if ((dir = opendir(argv[3])) == NULL) {
		fprintf(stderr, "coder_eval: cannot open '%s'\n", argv[3]);
		goto done;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strlen(de->d_name) < 6 || strcmp(de->d_name +
		    strlen(de->d_name) - 5, ".case") != 0)
			continue;
		if ((nn = realloc(names, (n + 1) * sizeof(*names))) == NULL)
			goto done;
		names = nn;
		if ((names[n] = strdup(de->d_name)) == NULL)
			goto done;
		n++;
	}
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", argv[3], names[i]);
		got.n = want.n = 0;
		if (run_case(c, path, &got, &want) != 0)
			goto done;
		memset(&sc, 0, sizeof(sc));
		memset(&scm, 0, sizeof(scm));
		compare(&got, &want, 1, &scm);
		compare(&got, &want, 0, &sc);
		report(names[i], &sc);
		for (j = 0; j < want.n; j++)
			if (!want.t[j].hit)
				printf("    miss         %s %s %s\n",
				    want.t[j].by, want.t[j].kind,
				    want.t[j].target);
		for (j = 0; j < got.n; j++)
			if (!got.t[j].hit)
				printf("    false alarm  %s %s %s\n"
				    "                 in \"%s\"\n", got.t[j].by,
				    got.t[j].kind, got.t[j].target,
				    got.t[j].quote);
		all.tp += sc.tp;
		all.fp += sc.fp;
		all.fn += sc.fn;
		merged.tp += scm.tp;
		merged.fp += scm.fp;
		merged.fn += scm.fn;
	}
	printf("\n%zu cases\n", n);
	report("overall (kinds as written)", &all);
	report("overall (accusation class)", &merged);
	rc = 0;
	if (ratio(all.tp, all.tp + all.fp) < min_p ||
	    ratio(all.tp, all.tp + all.fn) < min_r) {
		fprintf(stderr, "coder_eval: below --min-precision %.2f or "
		    "--min-recall %.2f\n", min_p, min_r);
		rc = 1;
	}
done:
	if (dir != NULL)
		closedir(dir);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(got.t);
	free(want.t);
	free(lex);
	coder_free(c);
	return rc;
}

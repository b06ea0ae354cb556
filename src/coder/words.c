/*
 * Memory and the word table: growing arrays, owned strings, interned folded words.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "coder_int.h"
#include "error.h"
#include "hash.h"

int
cd_grow(void *pp, size_t *cap, size_t n, size_t size)
{
	void **p = pp;
	void *np;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap <= n)
		ncap *= 2;
	if ((np = realloc(*p, ncap * size)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	*p = np;
	*cap = ncap;
	return 0;
}

const char *
cd_keep(struct coder *c, const char *s, size_t len)
{
	char *d;

	if (cd_grow(&c->strs, &c->capstrs, c->nstrs, sizeof(*c->strs)) != 0)
		return NULL;
	if ((d = malloc(len + 1)) == NULL) {
		dm_error(DM_ERROR, "out of memory");
		return NULL;
	}
	memcpy(d, s, len);
	d[len] = '\0';
	c->strs[c->nstrs++] = d;
	return d;
}

int
cd_word_lookup(const struct coder *c, const char *s)
{
	size_t i;
	int w;

	if (c->nslots == 0)
		return -1;
	i = hash_str(s) & (c->nslots - 1);
	while ((w = c->slots[i]) != -1) {
		if (strcmp(c->words[w].s, s) == 0)
			return w;
		i = (i + 1) & (c->nslots - 1);
	}
	return -1;
}

static int
rehash(struct coder *c)
{
	size_t n, i, j;
	int *slots;

	n = c->nslots ? c->nslots * 2 : 1024;
	if ((slots = malloc(n * sizeof(*slots))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (i = 0; i < n; i++)
		slots[i] = -1;
	for (i = 0; i < c->nwords; i++) {
		j = hash_str(c->words[i].s) & (n - 1);
		while (slots[j] != -1)
			j = (j + 1) & (n - 1);
		slots[j] = (int)i;
	}
	free(c->slots);
	c->slots = slots;
	c->nslots = n;
	return 0;
}

/* Returns the id of word s, adding it if new, or -1 if memory runs out. */
int
cd_word_intern(struct coder *c, const char *s)
{
	int w;
	size_t i;

	if ((w = cd_word_lookup(c, s)) != -1)
		return w;
	if ((c->nwords + 1) * 2 > c->nslots && rehash(c) != 0)
		return -1;
	if (cd_grow(&c->words, &c->capwords, c->nwords, sizeof(*c->words)) != 0)
		return -1;
	if ((c->words[c->nwords].s = strdup(s)) == NULL) {
		dm_error(DM_ERROR, "out of memory");
		return -1;
	}
	c->words[c->nwords].head = -1;
	i = hash_str(s) & (c->nslots - 1);
	while (c->slots[i] != -1)
		i = (i + 1) & (c->nslots - 1);
	c->slots[i] = (int)c->nwords;
	return (int)c->nwords++;
}

/*
 * Folds a word as fold_key() folds names (NFKC, case folding), with
 * curly apostrophes straightened and a leading '@' dropped, into buf.
 * Returns 0, or -1 when it does not fit (no lexicon word is that long).
 */
int
cd_fold_word(const char *s, size_t len, char *buf, size_t bufsz)
{
	char tmp[WORD_MAX];
	utf8proc_uint8_t *m;
	utf8proc_ssize_t r;
	size_t i, n = 0;
	int ascii = 1;

	if (len > 0 && s[0] == '@') {
		s++;
		len--;
	}
	for (i = 0; i < len; i++) {
		if (n + 1 >= sizeof(tmp))
			return -1;
		if ((unsigned char)s[i] == 0xe2 && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			tmp[n++] = '\'';
			i += 2;
			continue;
		}
		if ((unsigned char)s[i] >= 0x80)
			ascii = 0;
		else if (s[i] >= 'A' && s[i] <= 'Z') {
			tmp[n++] = (char)(s[i] - 'A' + 'a');
			continue;
		}
		tmp[n++] = s[i];
	}
	tmp[n] = '\0';
	if (ascii) {
		if (n + 1 > bufsz)
			return -1;
		memcpy(buf, tmp, n + 1);
		return 0;
	}
	r = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)n,
	    &m, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (r < 0)
		return -1;
	if ((size_t)r + 1 > bufsz) {
		free(m);
		return -1;
	}
	memcpy(buf, m, (size_t)r + 1);
	free(m);
	return 0;
}

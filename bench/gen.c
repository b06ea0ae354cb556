/*
 * gen: writes count statements in demarche's input format to standard
 * output: JSON Lines, a first line {"actors": [...]} with the actors the
 * gazetteer lacks, then one statement per line.  The same seed and
 * gazetteer give the same bytes.
 *
 * usage: gen [-B] [-n count] [-s seed] gazetteer.tsv
 *   -B  leave out the actors line (statements only)
 */
#define _DEFAULT_SOURCE	/* strsep, getline, strdup */

#include <ctype.h>
#include <err.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

struct actor {
	char	 *code;
	char	 *name;
	char	 *kind;
	char	 *country;
	char	**alias;	/* every alias, as the gazetteer lists it */
	size_t	  nalias;
	char	**ref;		/* names that resolve to this actor alone */
	size_t	  nref;
	int	  made;		/* added by the bundle line */
};

struct buf {
	char	*p;
	size_t	 len, cap;
};

static struct actor	*actors;
static size_t		 nactors;
static double		*cumw;		/* cumulative weights, by rank */
static size_t		*byrank;	/* actor index of each rank */
static uint64_t		 rng;

/* Most statements come from a few actors; these lead the ranking. */
static const char *const hot[] = { "CHN.MFA", "USA", "EU.EEAS", "CHN",
	"NATO", "RUS", "CHN.MISSION-EU", "GBR", "EU.COUNCIL", "EU", "FRA",
	"DEU", "JPN", "EU.HRVP", "NATO.SG", "UN.SC", "USA.MFA", "RUS.MFA",
	"AUS", "IND", "UKR", "EU.COMMISSION", "CAN", "TWN", "KOR", "IRN",
	"G7", "UN", "CHN.CNCERT", "EU.PARLIAMENT" };

/* States that get a foreign ministry in the bundle line. */
static const char *const ministries[] = { "USA", "GBR", "FRA", "DEU",
	"RUS", "JPN", "IND", "AUS", "CAN", "ITA", "ESP", "NLD", "BEL", "POL",
	"SWE", "KOR", "BRA", "TUR", "IRN", "ISR", "UKR", "PAK", "SAU", "ZAF",
	"EGY", "NGA", "MEX" };

static const char *const words[] = { "the", "of", "and", "to", "in",
	"a", "that", "is", "for", "on", "with", "as", "by", "its", "we",
	"has", "have", "be", "this", "not", "are", "all", "which", "will",
	"government", "ministry", "statement", "spokesperson", "security",
	"cyber", "activity", "malicious", "attack", "attacks", "espionage",
	"sovereignty", "territorial", "integrity", "international", "law",
	"order", "rules-based", "human", "rights", "sanctions", "measures",
	"cooperation", "dialogue", "partners", "allies", "responsible",
	"behaviour", "state", "states", "condemns", "rejects", "urges",
	"calls", "upon", "firmly", "opposes", "groundless", "accusations",
	"smear", "campaign", "interference", "internal", "affairs",
	"hacking", "infrastructure", "critical", "networks", "operators",
	"ransomware", "intellectual", "property", "theft", "election",
	"disinformation", "propaganda", "military", "exercises", "maritime",
	"navigation", "freedom", "peace", "stability", "region", "regional",
	"global", "multilateral", "framework", "agreement", "treaty",
	"violation", "violations", "obligations", "commitments", "concern",
	"concerns", "serious", "grave", "deeply", "regrets", "welcomes",
	"supports", "stands", "ready", "together", "countries", "some",
	"western", "so-called", "evidence", "facts", "truth", "fabricated",
	"politicise", "issue", "issues", "trade", "economic", "coercion",
	"export", "controls", "technology", "supply", "chains", "energy",
	"climate", "health", "pandemic", "vaccine", "humanitarian", "aid",
	"refugees", "border", "conflict", "ceasefire", "negotiations",
	"summit", "meeting", "visit", "talks", "bilateral", "relations",
	"diplomatic", "embassy", "consulate", "envoy", "ambassador",
	"nuclear", "missile", "launch", "weapons", "proliferation",
	"deterrence", "defence", "alliance", "strategic", "competition",
	"hegemony", "bullying", "double", "standards", "cold", "war",
	"mentality", "zero-sum", "thinking", "development", "prosperity",
	"mutual", "respect", "benefit", "win-win", "community", "future",
	"shared", "values", "democracy", "transparency", "accountability",
	"investigation", "report", "servers", "hosts", "controlled",
	"abroad", "massive", "indiscriminate", "eavesdropping", "data",
	"privacy", "citizens", "companies", "institutions", "public" };

/* Chinese phrases, joined with commas into sentences. */
static const char *const zh[] = { "中方坚决反对", "所谓网络攻击指控毫无根据",
	"欧盟", "北约", "中国驻欧盟使团", "发言人表示", "美国", "大规模无差别监听",
	"我们敦促有关方面", "停止抹黑中国", "网络安全", "国际社会", "维护国家主权",
	"不干涉内政", "人权问题", "台湾问题", "新疆", "香港", "南海", "单边制裁",
	"双重标准", "冷战思维", "多边主义", "和平与稳定", "互利合作", "平等对话",
	"提出严正交涉", "表示强烈不满", "事实清楚", "证据确凿", "一些西方国家",
	"恶意网络活动", "境外服务器", "控制了境内主机", "国家计算机网络应急技术处理协调中心",
	"报告显示", "网络窃密", "政治操弄", "散布虚假信息", "严重违反国际法",
	"损害双边关系", "我们呼吁", "共同维护", "开放包容", "合作共赢", "外交部",
	"中华人民共和国", "欧洲议会", "联合国安理会", "负责任大国" };

static const char *const topics[] = { "Cyber Espionage", "cyber-security",
	"Human Rights", "Hong Kong", "Xinjiang", "Taiwan", "South China Sea",
	"Sanctions", "Disinformation", "Election Interference", "Ransomware",
	"Intellectual Property", "Trade", "Export Controls", "Nuclear",
	"Missile Tests", "Ukraine", "Maritime Security", "Sovereignty",
	"Surveillance", "Critical Infrastructure", "Supply Chains", "5G",
	"Climate", "Pandemic", "Arms Control", "Terrorism", "Refugees",
	"Economic Coercion", "Freedom of Navigation", "Tibet", "Arctic",
	"Space", "Energy Security", "Hacking", "Propaganda", "网络安全",
	"人权", "Interference in Internal Affairs", "Rule of Law" };

static const char *const months[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

static const struct {
	const char	*kind;
	int		 weight;
	const char	*cameo;	/* a more specific code, sometimes given */
	const char	*verb;
} claim_kinds[] = {
	{ "accuse", 22, "1125", "accuses" },
	{ "criticize", 14, "1112", "criticizes" },
	{ "condemn", 10, "1111", "condemns" },
	{ "complain", 4, NULL, "complains about" },
	{ "threaten", 3, "1312", "threatens" },
	{ "demand", 6, "1056", "demands that" },
	{ "appeal", 5, "0214", "appeals to" },
	{ "reject", 10, "1241", "rejects claims by" },
	{ "deny", 8, "016", "denies claims by" },
	{ "assert", 8, NULL, "asserts against" },
	{ "support", 6, "0511", "supports" },
	{ "defend", 4, NULL, "defends itself against" },
};

static const struct {
	const char	*kind;
	int		 weight;
} statement_kinds[] = {
	{ "press-release", 30 }, { "remarks", 20 }, { "declaration", 10 },
	{ "social-media", 15 }, { "interview", 8 }, { "report", 5 },
	{ "news-report", 7 }, { "other", 5 },
};

static uint64_t
next(void)
{
	uint64_t z;

	z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static size_t
pick(size_t n)
{
	return (size_t)((next() >> 11) % n);
}

/* 1 with probability p percent. */
static int
chance(double p)
{
	return (double)(next() >> 11) / 9007199254740992.0 * 100.0 < p;
}

static char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		err(1, NULL);
	return p;
}

static void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		errx(1, "too many");
	if ((p = realloc(p, n * size)) == NULL)
		err(1, NULL);
	return p;
}

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void	putf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
putf(struct buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		errx(1, "putf: too long");
	put(b, tmp, (size_t)n);
}

/* A JSON string. */
static void
putj(struct buf *b, const char *s)
{
	const unsigned char *p;
	char esc[8];

	put(b, "\"", 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			put(b, esc, 2);
		} else if (*p < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			put(b, esc, 6);
		} else
			put(b, (const char *)p, 1);
	}
	put(b, "\"", 1);
}

/* Key for telling references apart, roughly as demarche folds them. */
static void
fold(char *dst, size_t len, const char *s)
{
	size_t n = 0;
	int gap = 0;

	while (*s == '@' || *s == ' ' || ispunct((unsigned char)*s))
		s++;
	if (strncasecmp(s, "the ", 4) == 0)
		s += 4;
	for (; *s != '\0' && n + 1 < len; s++) {
		if (isspace((unsigned char)*s)) {
			gap = 1;
			continue;
		}
		if (gap && n > 0)
			dst[n++] = ' ';
		gap = 0;
		if (n + 1 < len)
			dst[n++] = (char)tolower((unsigned char)*s);
	}
	while (n > 0 && ispunct((unsigned char)dst[n - 1]))
		n--;
	dst[n] = '\0';
}

static struct actor *
actor_new(const char *code, const char *name, const char *kind,
    const char *country)
{
	struct actor *a;

	actors = xreallocarray(actors, nactors + 1, sizeof(*actors));
	a = &actors[nactors++];
	memset(a, 0, sizeof(*a));
	a->code = xstrdup(code);
	a->name = xstrdup(name);
	a->kind = xstrdup(kind);
	a->country = xstrdup(country);
	return a;
}

static void
actor_alias(struct actor *a, const char *alias)
{
	a->alias = xreallocarray(a->alias, a->nalias + 1, sizeof(char *));
	a->alias[a->nalias++] = xstrdup(alias);
}

static ssize_t
actor_find(const char *code)
{
	size_t i;

	for (i = 0; i < nactors; i++)
		if (strcmp(actors[i].code, code) == 0)
			return (ssize_t)i;
	return -1;
}

static void
load_gazetteer(const char *path)
{
	FILE *fp;
	char *line = NULL, *f[5], *p, *a;
	size_t cap = 0, i;
	ssize_t n;
	struct actor *act;

	if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	while ((n = getline(&line, &cap, fp)) != -1) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		p = line;
		for (i = 0; i < 5; i++)
			f[i] = strsep(&p, "\t");
		if (f[4] == NULL)
			errx(1, "%s: fewer than five columns", path);
		act = actor_new(f[0], f[1], f[2], f[3]);
		for (p = f[4]; (a = strsep(&p, ";")) != NULL; )
			if (*a != '\0')
				actor_alias(act, a);
	}
	free(line);
	fclose(fp);
}

static void
add_ministries(void)
{
	struct actor *a;
	char code[32], name[256], alias[256];
	ssize_t st;
	size_t i;

	for (i = 0; i < NELEM(ministries); i++) {
		if ((st = actor_find(ministries[i])) < 0)
			errx(1, "gazetteer lacks %s", ministries[i]);
		snprintf(code, sizeof(code), "%s.MFA", ministries[i]);
		if (actor_find(code) >= 0)
			continue;
		snprintf(name, sizeof(name), "Ministry of Foreign Affairs of "
		    "%s", actors[st].name);
		a = actor_new(code, name, "ministry", ministries[i]);
		a->made = 1;
		snprintf(alias, sizeof(alias), "%s Foreign Ministry",
		    actors[actor_find(ministries[i])].name);
		actor_alias(a, alias);
		snprintf(alias, sizeof(alias), "@MFA_%s", ministries[i]);
		actor_alias(a, alias);
	}
}

/*
 * Keeps as references only the names and aliases that name one actor
 * and are not another actor's code.
 */
static void
choose_refs(void)
{
	char **key;
	size_t *owner, nkey = 0, i, j, k;
	char tmp[512], up[128];
	int bad;

	key = xreallocarray(NULL, 1, sizeof(char *));
	owner = xreallocarray(NULL, 1, sizeof(size_t));
	for (i = 0; i < nactors; i++)
		for (j = 0; j <= actors[i].nalias; j++) {
			fold(tmp, sizeof(tmp), j == 0 ? actors[i].name :
			    actors[i].alias[j - 1]);
			key = xreallocarray(key, nkey + 1, sizeof(char *));
			owner = xreallocarray(owner, nkey + 1, sizeof(size_t));
			key[nkey] = xstrdup(tmp);
			owner[nkey++] = i;
		}
	for (i = 0, k = 0; i < nactors; i++)
		for (j = 0; j <= actors[i].nalias; j++, k++) {
			const char *s = j == 0 ? actors[i].name :
			    actors[i].alias[j - 1];
			size_t m, q;

			bad = key[k][0] == '\0';
			for (m = 0; m < nkey && !bad; m++)
				bad = owner[m] != i && strcmp(key[m],
				    key[k]) == 0;
			for (q = 0; q + 1 < sizeof(up) && s[q] != '\0'; q++)
				up[q] = (char)toupper((unsigned char)s[q]);
			up[q] = '\0';
			for (m = 0; m < nactors && !bad; m++)
				bad = m != i && strcmp(actors[m].code, up) == 0;
			if (bad)
				continue;
			actors[i].ref = xreallocarray(actors[i].ref,
			    actors[i].nref + 1, sizeof(char *));
			actors[i].ref[actors[i].nref++] = xstrdup(s);
		}
	for (i = 0; i < nkey; i++)
		free(key[i]);
	free(key);
	free(owner);
}

/* Ranks actors, hot ones first, and weighs rank r by 1/(r+1) + 0.004. */
static void
rank_actors(void)
{
	size_t i, r = 0;
	ssize_t k;
	char *used;
	double sum = 0;

	byrank = xreallocarray(NULL, nactors, sizeof(size_t));
	cumw = xreallocarray(NULL, nactors, sizeof(double));
	if ((used = calloc(nactors, 1)) == NULL)
		err(1, NULL);
	for (i = 0; i < NELEM(hot); i++)
		if ((k = actor_find(hot[i])) >= 0 && !used[k]) {
			used[k] = 1;
			byrank[r++] = (size_t)k;
		}
	for (i = 0; i < nactors; i++)
		if (!used[i])
			byrank[r++] = i;
	for (i = 0; i < nactors; i++) {
		sum += 1.0 / (double)(i + 1) + 0.004;
		cumw[i] = sum;
	}
	free(used);
}

static size_t
pick_actor(void)
{
	double x = (double)(next() >> 11) / 9007199254740992.0 *
	    cumw[nactors - 1];
	size_t lo = 0, hi = nactors - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cumw[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return byrank[lo];
}

/* How a statement names an actor: code, code in lower case, or a name. */
static const char *
actor_ref(size_t i)
{
	static char low[128];
	const struct actor *a = &actors[i];
	size_t n;

	if (a->nref > 0 && chance(50))
		return a->ref[pick(a->nref)];
	if (chance(15)) {
		for (n = 0; a->code[n] != '\0' && n + 1 < sizeof(low); n++)
			low[n] = (char)tolower((unsigned char)a->code[n]);
		low[n] = '\0';
		return low;
	}
	return a->code;
}

/* A name for the text: an alias or the name. */
static const char *
actor_text(size_t i)
{
	const struct actor *a = &actors[i];

	if (a->nref > 0)
		return a->ref[pick(a->nref)];
	return a->name;
}

static size_t
pick_weighted_kind(void)
{
	int total = 0, x;
	size_t i;

	for (i = 0; i < NELEM(claim_kinds); i++)
		total += claim_kinds[i].weight;
	x = (int)pick((size_t)total);
	for (i = 0; i < NELEM(claim_kinds); i++)
		if ((x -= claim_kinds[i].weight) < 0)
			return i;
	return 0;
}

static const char *
pick_statement_kind(void)
{
	int total = 0, x;
	size_t i;

	for (i = 0; i < NELEM(statement_kinds); i++)
		total += statement_kinds[i].weight;
	x = (int)pick((size_t)total);
	for (i = 0; i < NELEM(statement_kinds); i++)
		if ((x -= statement_kinds[i].weight) < 0)
			return statement_kinds[i].kind;
	return "other";
}

/* Days since 1970-01-01 to a civil date (Hinnant's algorithm). */
static void
civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 2000-01-01 is day 10957; 2024-12-31 is day 20088. */
#define DAY_FIRST	10957
#define DAY_SPAN	9132

/* A date in one of the forms SPEC accepts, at day, month or year. */
static void
put_date(struct buf *b, long day)
{
	int y, m, d, p;

	civil(day, &y, &m, &d);
	p = (int)pick(100);
	if (p < 5) {
		putf(b, "\"%d\"", y);
		return;
	}
	if (p < 10) {
		putf(b, "\"%s %d\"", months[m - 1], y);
		return;
	}
	if (p < 14) {
		putf(b, "\"%d-%02d\"", y, m);
		return;
	}
	p = (int)pick(100);
	if (p < 30)
		putf(b, "\"%d-%02d-%02d\"", y, m, d);
	else if (p < 45)
		putf(b, "\"%d %s %d\"", d, months[m - 1], y);
	else if (p < 60)
		putf(b, "\"%s %d, %d\"", months[m - 1], d, y);
	else if (p < 70)
		putf(b, "\"%d年%d月%d日\"", y, m, d);
	else if (p < 80)
		putf(b, "\"%02d.%02d.%d\"", d, m, y);
	else if (p < 90)
		putf(b, "\"%d/%02d/%02d\"", y, m, d);
	else if (p < 95)
		putf(b, "\"%.3s %d %d\"", months[m - 1], d, y);
	else
		putf(b, "\"%d-%02d-%02dT%02d:%02d:00+02:00\"", y, m, d,
		    8 + (int)pick(10), (int)pick(60));
}

/* Characters (not bytes) in a UTF-8 string. */
static size_t
nchars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Sentence boundaries of the text, so that a quote is a sentence. */
struct sentences {
	size_t	start[512];
	size_t	end[512];
	size_t	n;
};

static size_t
english_sentence(struct buf *t)
{
	size_t n, i, before = t->len;
	const char *w;
	char cap[64];

	n = 6 + pick(16);
	for (i = 0; i < n; i++) {
		if (i > 0)
			put(t, " ", 1);
		if (chance(4))
			w = actor_text(pick_actor());
		else
			w = words[pick(NELEM(words))];
		if (i == 0 && islower((unsigned char)w[0])) {
			snprintf(cap, sizeof(cap), "%s", w);
			cap[0] = (char)toupper((unsigned char)cap[0]);
			w = cap;
		}
		puts_(t, w);
	}
	put(t, ".", 1);
	return nchars(t->p + before);
}

static size_t
chinese_sentence(struct buf *t)
{
	size_t n, i, before = t->len;

	n = 2 + pick(5);
	for (i = 0; i < n; i++) {
		if (i > 0)
			puts_(t, "，");
		puts_(t, zh[pick(NELEM(zh))]);
	}
	puts_(t, "。");
	return nchars(t->p + before);
}

/* A text of 300 to 3000 characters. */
static void
make_text(struct buf *t, struct sentences *s, int chinese)
{
	size_t want = 300 + pick(2701), have = 0;

	t->len = 0;
	put(t, "", 0);
	s->n = 0;
	while (have < want) {
		if (have > 0 && !chinese) {
			put(t, " ", 1);
			have++;
		}
		if (s->n < NELEM(s->start))
			s->start[s->n] = t->len;
		if (chinese || chance(3))
			have += chinese_sentence(t);
		else
			have += english_sentence(t);
		if (s->n < NELEM(s->start))
			s->end[s->n++] = t->len;
	}
}

static void
put_actor_ref(struct buf *b, size_t i)
{
	putj(b, actor_ref(i));
}

static void
put_claims(struct buf *b, size_t issuer, long day, const struct buf *text,
    const struct sentences *s, const char *skind)
{
	static const int nclaims_pct[] = { 15, 35, 25, 15, 10 };
	size_t n, i, j, k, nt, nto, tg[3], tp[3], kind;
	int x;
	char quote[4096];

	x = (int)pick(100);
	for (n = 0; n < NELEM(nclaims_pct) && (x -= nclaims_pct[n]) >= 0;
	    n++)
		;
	puts_(b, ",\"claims\":[");
	for (i = 0; i < n; i++) {
		size_t by = issuer;

		if (i > 0)
			put(b, ",", 1);
		kind = pick_weighted_kind();
		puts_(b, "{\"kind\":");
		putj(b, claim_kinds[kind].kind);
		if (strcmp(skind, "news-report") == 0 || chance(15)) {
			by = pick_actor();
			puts_(b, ",\"by\":");
			put_actor_ref(b, by);
		}
		nt = 1 + pick(3);
		for (j = 0; j < nt; j++) {
			do {
				tg[j] = pick_actor();
				for (k = 0; k < j && tg[k] != tg[j]; k++)
					;
			} while (tg[j] == by || k < j);
		}
		puts_(b, ",\"target\":");
		if (nt == 1 && chance(50))
			put_actor_ref(b, tg[0]);
		else {
			put(b, "[", 1);
			for (j = 0; j < nt; j++) {
				if (j > 0)
					put(b, ",", 1);
				put_actor_ref(b, tg[j]);
			}
			put(b, "]", 1);
		}
		nto = pick(4);
		for (j = 0; j < nto; j++)
			do {
				tp[j] = pick(NELEM(topics));
				for (k = 0; k < j && tp[k] != tp[j]; k++)
					;
			} while (k < j);
		if (nto > 0) {
			puts_(b, ",\"topics\":");
			if (nto == 1 && chance(50))
				putj(b, topics[tp[0]]);
			else {
				put(b, "[", 1);
				for (j = 0; j < nto; j++) {
					if (j > 0)
						put(b, ",", 1);
					putj(b, topics[tp[j]]);
				}
				put(b, "]", 1);
			}
		}
		if (chance(80)) {
			char sum[512];

			snprintf(sum, sizeof(sum), "%s %s %s%s%s",
			    actors[by].name, claim_kinds[kind].verb,
			    actors[tg[0]].name, nto > 0 ? ": " : "",
			    nto > 0 ? topics[tp[0]] : "");
			puts_(b, ",\"summary\":");
			putj(b, sum);
		}
		if (s->n > 0 && chance(60)) {
			k = pick(s->n);
			snprintf(quote, sizeof(quote), "%.*s",
			    (int)(s->end[k] - s->start[k]),
			    text->p + s->start[k]);
			puts_(b, ",\"quote\":");
			putj(b, quote);
		}
		if (chance(20)) {
			puts_(b, ",\"date\":");
			put_date(b, day - (long)pick(60));
		}
		if (claim_kinds[kind].cameo != NULL && chance(10)) {
			puts_(b, ",\"cameo\":");
			putj(b, claim_kinds[kind].cameo);
		}
		put(b, "}", 1);
	}
	put(b, "]", 1);
}

static void
put_bundle(struct buf *b)
{
	size_t i, j, first = 1;

	puts_(b, "{\"actors\":[");
	for (i = 0; i < nactors; i++) {
		if (!actors[i].made)
			continue;
		if (!first)
			put(b, ",", 1);
		first = 0;
		puts_(b, "{\"code\":");
		putj(b, actors[i].code);
		puts_(b, ",\"name\":");
		putj(b, actors[i].name);
		puts_(b, ",\"kind\":");
		putj(b, actors[i].kind);
		puts_(b, ",\"country\":");
		putj(b, actors[i].country);
		puts_(b, ",\"aliases\":[");
		for (j = 0; j < actors[i].nalias; j++) {
			if (j > 0)
				put(b, ",", 1);
			putj(b, actors[i].alias[j]);
		}
		puts_(b, "]}");
	}
	puts_(b, "]}\n");
}

static void
put_title(struct buf *b, size_t issuer, int chinese)
{
	char title[512];
	size_t i, n;

	if (chinese) {
		struct buf t = { NULL, 0, 0 };

		n = 1 + pick(3);
		for (i = 0; i < n; i++)
			puts_(&t, zh[pick(NELEM(zh))]);
		putj(b, t.p);
		free(t.p);
		return;
	}
	snprintf(title, sizeof(title), "%s: statement on",
	    actors[issuer].name);
	for (i = 0, n = 2 + pick(6); i < n; i++) {
		strncat(title, " ", sizeof(title) - strlen(title) - 1);
		strncat(title, words[pick(NELEM(words))], sizeof(title) -
		    strlen(title) - 1);
	}
	putj(b, title);
}

static void
put_statement(struct buf *b, struct buf *text, struct sentences *s,
    long idx, long count)
{
	size_t issuer = pick_actor(), k;
	long day = DAY_FIRST + (long)pick(DAY_SPAN), other;
	int chinese = chance(10);
	const char *skind = pick_statement_kind();
	char id[32], url[256], lower[80];

	snprintf(id, sizeof(id), "bench-%07ld", idx);
	for (k = 0; actors[issuer].code[k] != '\0' && k + 1 < sizeof(lower);
	    k++)
		lower[k] = (char)tolower((unsigned char)actors[issuer].code[k]);
	lower[k] = '\0';
	snprintf(url, sizeof(url), "https://statements.example/%s/%s", lower,
	    id);
	make_text(text, s, chinese);
	/* Words to search for: in about 0.05% and 1% of statements. */
	if (chance(0.05))
		puts_(text, " Zanzibar was mentioned.");
	if (chance(1))
		puts_(text, " Talks in Kowloon continue.");

	puts_(b, "{\"id\":");
	putj(b, id);
	puts_(b, ",\"issuer\":");
	put_actor_ref(b, issuer);
	puts_(b, ",\"date\":");
	put_date(b, day);
	puts_(b, ",\"title\":");
	put_title(b, issuer, chinese);
	puts_(b, ",\"text\":");
	putj(b, text->p);
	puts_(b, ",\"url\":");
	putj(b, url);
	puts_(b, ",\"language\":");
	putj(b, chinese ? "zh" : "en");
	puts_(b, ",\"kind\":");
	putj(b, skind);
	puts_(b, ",\"responds_to\":[");
	if (idx > 10 && chance(8)) {
		other = idx - 1 - (long)pick(idx - 1 < 5000 ? idx - 1 : 5000);
		putf(b, "\"bench-%07ld\"", other);
		if (chance(20)) {
			/* Not imported yet: it comes later in the file. */
			other = idx + 1 + (long)pick(100);
			if (other <= count)
				putf(b, ",\"bench-%07ld\"", other);
		}
	}
	put(b, "]", 1);
	put_claims(b, issuer, day, text, s, skind);
	puts_(b, "}\n");
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-B] [-n count] [-s seed] "
	    "gazetteer.tsv\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct buf out = { NULL, 0, 0 }, text = { NULL, 0, 0 };
	struct sentences *s;
	long count = 1000, i;
	int ch, bundle = 1;
	char *end;

	rng = 20210719;
	while ((ch = getopt(argc, argv, "Bn:s:")) != -1) {
		switch (ch) {
		case 'B':
			bundle = 0;
			break;
		case 'n':
			count = strtol(optarg, &end, 10);
			if (*end != '\0' || count < 1)
				usage();
			break;
		case 's':
			rng = strtoull(optarg, &end, 10);
			if (*end != '\0')
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind + 1 != argc)
		usage();
	if ((s = malloc(sizeof(*s))) == NULL)
		err(1, NULL);
	load_gazetteer(argv[optind]);
	add_ministries();
	choose_refs();
	rank_actors();
	if (bundle) {
		put_bundle(&out);
		fwrite(out.p, 1, out.len, stdout);
	}
	for (i = 1; i <= count; i++) {
		out.len = 0;
		put_statement(&out, &text, s, i, count);
		if (fwrite(out.p, 1, out.len, stdout) != out.len)
			err(1, "write");
	}
	if (fflush(stdout) != 0)
		err(1, "write");
	free(out.p);
	free(text.p);
	free(s);
	return 0;
}

# Writes N statements as JSON Lines to standard output; TAG makes their
# ids (and so the statements) differ from another file's.
# Usage: sh gen.sh N [TAG]
n=${1:?usage: gen.sh N [TAG]}
tag=${2:-g}
awk -v n="$n" -v tag="$tag" 'BEGIN {
	split("EU NATO CHN USA RUS GBR CHN.MFA CHN.MISSION-EU EU.COUNCIL UN", who, " ")
	split("accuse criticize condemn reject deny support", kind, " ")
	for (i = 1; i <= n; i++) {
		a = who[i % 10 + 1]
		b = who[(i * 7 + 3) % 10 + 1]
		printf("{\"id\": \"%s-%d\", \"issuer\": \"%s\", \"date\": " \
		    "\"20%02d-%02d-%02d\", \"title\": \"Statement %d of %s\", " \
		    "\"text\": \"On this day the spokesperson said that the " \
		    "accusations were baseless and that cyber attacks must " \
		    "stop. Number %d.\", \"claims\": [{\"kind\": \"%s\", " \
		    "\"target\": [\"%s\"], \"topics\": [\"Cyber Espionage\", " \
		    "\"topic %d\"], \"summary\": \"claim %d\"}, {\"kind\": " \
		    "\"%s\", \"target\": \"%s\"}]}\n", tag, i, a, 10 + i % 14,
		    i % 12 + 1, i % 28 + 1, i, tag, i, kind[i % 6 + 1], b,
		    i % 50, i, kind[(i + 1) % 6 + 1], a)
	}
}'

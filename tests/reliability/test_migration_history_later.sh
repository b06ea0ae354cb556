# An archive made at one state of migrations/, then opened by the
# program of a later one, which applied its own texts of the migrations
# the archive lacked (and, where one failed, stopped there, as 45f6174
# stopped at level 6 an archive of 9198b2c): today's program brings each
# such history of texts to a new archive's schema, check clean.
# test_migration_history.sh takes the archives of each state alone.
. "$(dirname "$0")/migration_history.sh"

# Each history of texts once, "C1 C2 N1" a line: C1's texts (N1 of them)
# then C2's beyond them, leaving out the states' own histories (taken by
# test_migration_history.sh) and any met before.
grep -v '^#' "$HISTORY/states" | awk '
	{ c[NR] = $1; n[NR] = NF - 1; sub(/^[^ ]+ /, ""); own[NR] = $0
	  seen[$0] = 1 }
	END {
		for (i = 1; i <= NR; i++)
			for (j = 1; j <= NR; j++) {
				h = own[i]
				split(own[j], f, " ")
				for (k = n[i] + 1; k <= n[j]; k++)
					h = h " " f[k]
				if (h in seen)
					continue
				seen[h] = 1
				print c[i], c[j], n[i]
			}
	}' >histories

while read -r c1 c2 n1 <&3; do
	# The archive of C1 with its data, made once and copied for each
	# later program.
	if [ ! -f "at-$c1.db" ]; then
		"$HISTORY_ARCHIVE" "at-$c1.db" $(state_files "$c1") \
		    $(data_for "$n1") ||
		    bad "the archive of $c1 could not be made"
	fi
	rm -f a.db a.db-wal a.db-shm
	cp "at-$c1.db" a.db
	"$HISTORY_ARCHIVE" a.db $(state_files "$c2" | tail -n +$((n1 + 1))) \
	    2>/dev/null
	check "an archive made at $c1, then opened at $c2 (level $(level_of a.db))"
	# Any command migrates: check does, then checks the summary and the
	# full-text indexes against the claims.
	run --db a.db check
	expect_status 0
	schema a.db >a.schema
	expect_same a.schema ref.schema
done 3<histories
echo "$(wc -l <histories) later histories of texts migrated"

finish

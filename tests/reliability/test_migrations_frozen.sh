# Migrations are append-only: an archive records the SHA-256 of each
# migration it ran, and an edited text leaves every archive that ran the
# old one with a schema no migration describes (an archive of 9198b2c
# could no longer be opened).  This test holds the SHA-256 of every file
# of migrations/ as it landed on main, and fails if one changes.
. "$(dirname "$0")/lib.sh"

frozen() {
	cat <<'SUMS'
ae44da8cf35ecccef1e508fb753b1bebde0e19aa61885a001befedfca780502c  0001-initial.sql
9c976a0cd3baa6f74d1e672fbea79d784904a4ee718e51ba63d7d877434b82de  0002-who-summary.sql
d1bfc2afe58609302777c8bf6b6ecff3416f189ece6a92a68d48af198bb18559  0003-who-listing.sql
5839bb65565ae2fcae4cfb861c693ecd84a3e9d85775150d1e69be00bed66626  0004-claim-dates.sql
b808899106f3c6968171636493b6070d158c93bb2f60f8ec5a5d736013e2f839  0005-import-index.sql
79668be57488813673095a44a9fb3bea69695405bf33fc50d17ce22d1ffd25b9  0006-who-packed.sql
c1bb8a54af0b493614d36ef5757d37a0ee2b899bbd6bdec209c8bab213ffb4ba  0007-import-in-bulk.sql
c2d63089171ce5d60c7b0708f11438eb13a2d2c6512fa272c6da702156b0deb0  0008-fts-hash.sql
3f446abc6bef71b18174d87622f15b057b953100241367deb1bba90298c4097f  0009-who-listing-whole.sql
4e75fd4bffcd15e08d5c21cf9d491b803b6bde1882c92649ac58ccb6e33782ec  0010-who-edges-claim-order.sql
ac7dbe8971b7a3e70bc8504f420ee2d65703879be76b538c941dd1e72054a5ef  0011-claim-cue.sql
ca662e3fd275f3a3d0fb56eaead2d9fd6ad1fdf5595f2ef081324c3478370e67  0012-co-issuers.sql
82eb283c60256bece4a37845a26d02217760f293bacbf3e708ab12324226d692  0013-feeds.sql
f827db08d84937021b55cc05645b374d4c15cfd348cd2b15e12ec375cb8e81a0  0014-review.sql
95200c212303362431096c73632aa376cd34f37589c9a00f2da62138a54b6cb5  0015-fts-stems.sql
eb7ffaa2d4fdb3b3759306d19b6ee58290b4968aea550ebdccdc5754e7d6d5d1  0016-claim-kinds.sql
3d6a324734e8c0f669fa630ccf87df2b380cd9750cd5016d739ce62f2a7af86e  0017-timeline-counts.sql
SUMS
}

check "every migration is the text it landed with"
frozen >frozen.txt
while read -r sum name; do
	if [ ! -f "$SOURCE_DIR/migrations/$name" ]; then
		bad "migrations/$name is gone: archives ran it; put it back"
	elif [ "$(sha256sum <"$SOURCE_DIR/migrations/$name" | cut -d' ' -f1)" = "$sum" ]; then
		ok
	else
		bad "migrations/$name changed after it landed: archives ran" \
		    "its text and recorded its SHA-256, so put it back as it" \
		    "was and make the change in a new migration"
	fi
done <frozen.txt

check "every migration has its SHA-256 here"
for f in "$SOURCE_DIR"/migrations/*; do
	name=${f##*/}
	if grep -q "  $name\$" frozen.txt; then
		ok
	else
		bad "migrations/$name has no SHA-256 in $0: add" \
		    "'$(sha256sum <"$f" | cut -d' ' -f1)  $name' to its list;" \
		    "from then on the file never changes"
	fi
done

finish

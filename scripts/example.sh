#!/bin/sh
# Sets everything up, creates an archive, imports the bundled July 2021
# exchange and shows who accused whom.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh build/release -DCMAKE_BUILD_TYPE=Release -DDEMARCHE_TESTS=OFF
demarche=build/release/demarche
db=build/example.db
rm -f "$db" "$db-wal" "$db-shm"
$demarche --db "$db" init
$demarche --db "$db" import examples/july-2021.json examples/july-2021-report.txt
printf '\nWho accused whom:\n\n'
$demarche --db "$db" who
printf '\nPairs that accused each other (sub-actors folded into their state or organisation):\n\n'
$demarche --db "$db" who --mutual --rollup
printf '\nThe archive is %s: try\n  %s --db %s thread chn-mission-eu-2021-07-19-cyber\n' \
    "$db" "$demarche" "$db"

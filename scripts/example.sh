#!/bin/sh
# Sets everything up, creates an archive, imports the bundled July 2021
# exchange and shows who accused whom.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh build/release -DCMAKE_BUILD_TYPE=Release -DDEMARCHE_TESTS=OFF
db=build/example.db
rm -f "$db" "$db-wal" "$db-shm"
build/release/demarche --db "$db" init
build/release/demarche --db "$db" stats

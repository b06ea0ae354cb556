#!/bin/sh
# Builds demarche without sanitizers and runs the test suite under
# valgrind memcheck: any memory error or leak fails the test it is in.
# Usage: tests/valgrind/run.sh [ctest options...]
set -eu
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || {
	echo "valgrind: not installed (apt-get install valgrind)" >&2
	exit 2
}
scripts/setup.sh build/valgrind -DDEMARCHE_VALGRIND=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo
cd build/valgrind
ctest --output-on-failure -L valgrind -j"$(nproc)" "$@"

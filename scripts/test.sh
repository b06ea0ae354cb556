#!/bin/sh
# Sets everything up and runs the whole test suite, built with
# AddressSanitizer and UBSan.  The optimised build that scripts/example.sh
# uses is built too, since -O2 brings warnings of its own.
set -eu
cd "$(dirname "$0")/.."
# Pictures: Graphviz draws the network, Chromium renders the report in
# its test.  Without them those checks say they were skipped.
scripts/install.sh --optional graphviz chromium
# tmux drives 'demarche review' in a real terminal in its test.
scripts/install.sh tmux
scripts/setup.sh build/release -DCMAKE_BUILD_TYPE=Release -DDEMARCHE_TESTS=OFF
scripts/setup.sh build/test -DDEMARCHE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
(cd build/test && ctest --output-on-failure -j"$(nproc)" "$@")

# Each fuzz target for DEMARCHE_FUZZ_SECONDS (default 60; 0 skips them).
seconds=${DEMARCHE_FUZZ_SECONDS:-60}
if [ "$seconds" -gt 0 ]; then
	# libFuzzer comes with clang's runtime, not with clang itself.
	scripts/install.sh clang libclang-rt-14-dev
	fuzz/run.sh "$seconds"
fi

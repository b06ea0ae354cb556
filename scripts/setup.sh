#!/bin/sh
# Installs what demarche needs to build and test on Debian 12 (only the
# packages that are missing), then configures and builds it.
# Usage: scripts/setup.sh BUILD_DIR [cmake options...]
set -eu
cd "$(dirname "$0")/.."
build=$1
shift

scripts/install.sh gcc make cmake pkg-config libsqlite3-dev sqlite3 \
    libjansson-dev check libsubunit-dev libutf8proc-dev nettle-dev \
    libstemmer-dev python3
# Pictures: Graphviz draws the network, Chromium renders the report in
# its test.  Without them the program still builds, and those checks say
# they were skipped.
scripts/install.sh --optional graphviz chromium

cmake -S . -B "$build" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"

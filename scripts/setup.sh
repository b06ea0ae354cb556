#!/bin/sh
# Installs what demarche needs to build and test on Debian 12 (only the
# packages that are missing), then configures and builds it.  The
# pictures' packages are scripts/test.sh's: the example needs none.
# Usage: scripts/setup.sh BUILD_DIR [cmake options...]
set -eu
cd "$(dirname "$0")/.."
build=$1
shift

scripts/install.sh gcc make cmake pkg-config libsqlite3-dev sqlite3 \
    libjansson-dev check libsubunit-dev libutf8proc-dev nettle-dev python3 \
    libstemmer-dev libxml2-dev libcurl4-openssl-dev
cmake -S . -B "$build" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"

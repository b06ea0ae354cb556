#!/bin/sh
# Installs what demarche needs to build and test on Debian 12 (only the
# packages that are missing), then configures and builds it.
# Usage: scripts/setup.sh BUILD_DIR [cmake options...]
set -eu
cd "$(dirname "$0")/.."
build=$1
shift

packages="gcc make cmake pkg-config libsqlite3-dev sqlite3 libjansson-dev
check libsubunit-dev libutf8proc-dev nettle-dev python3"
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
fi

# Pictures: Graphviz draws the network, Chromium renders the report in
# its test.  Without them the program still builds, and those checks say
# they were skipped.
optional="graphviz chromium"
missing=""
for p in $optional; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	{ $sudo apt-get update -qq &&
	    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	    --no-install-recommends $missing >/dev/null; } ||
		echo "could not install$missing: the checks that need them" \
		    "are skipped" >&2
fi

cmake -S . -B "$build" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"

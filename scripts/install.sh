#!/bin/sh
# Installs those of the Debian packages named that are missing, with
# apt-get, as root or through sudo.
# Usage: scripts/install.sh [--optional] PACKAGE...
#   --optional  a failure to install is reported and the script goes on
#               (exit 0): what needs the packages says it is skipped
set -eu
optional=0
if [ "${1:-}" = --optional ]; then
	optional=1
	shift
fi
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0
echo "installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
# $missing splits into the package names.
# shellcheck disable=SC2086
if $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends $missing >/dev/null; then
	exit 0
fi
[ "$optional" -eq 1 ] || exit 1
echo "could not install$missing: the checks that need them are skipped" >&2

#!/bin/sh
# Sets everything up and runs the whole test suite, built with
# AddressSanitizer and UBSan.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh build/test -DDEMARCHE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
cd build/test
ctest --output-on-failure -j"$(nproc)" "$@"

#!/bin/sh
# Uses each face of an installed xxgk as a user would, with the environment it is given (package-test.cmake runs
# it in a chroot where apt installed the packages, with no variable but PATH, or against an unpacked tree):
#   the command (--version, check on the seed, its man page), a C program through pkg-config, a C++ program
#   through find_package(xxgk) linking xxgk::xxgk, xxgk::readers and xxgk::render, and `import xxgk` in Python.
# Usage: faces.sh SOURCE_DIR WORK_DIR VERSION LIBRARY_PREFIX [CMAKE ARGUMENTS...]
# LIBRARY_PREFIX is where the Python package must find libxxgk (/usr for a real installation).
set -eu
src=$1 work=$2 version=$3 library_prefix=$4
shift 4
seed=$src/examples/acheng-yagou-2023.json
fail() {
    echo "faces: $*" >&2
    exit 1
}
mkdir -p "$work"

[ "$(xxgk --version)" = "xxgk $version" ] || fail "xxgk --version says '$(xxgk --version)', not 'xxgk $version'"
xxgk check "$seed" > "$work/check.txt" || fail "xxgk check on the seed: exit $?"
page=$(man -w xxgk) || fail "no man page for xxgk"
gzip -dc "$page" | grep -q "xxgk check" || fail "the man page does not describe xxgk check"
! gzip -dc "$page" | grep -q "???" || fail "the man page has characters help2man could not encode"

[ "$(pkg-config --modversion xxgk-c)" = "$version" ] || fail "pkg-config --modversion xxgk-c: not $version"
# shellcheck disable=SC2046 # the flags are words
cc -std=c99 -o "$work/c_consumer" "$src/capi/tests/consumer/consumer.c" $(pkg-config --cflags --libs xxgk-c) ||
    fail "the C program does not build through pkg-config"
[ "$("$work/c_consumer" "$seed" | tail -n 1)" = "0 findings" ] || fail "the C program"

cmake -S "$src/packaging/tests/cxx" -B "$work/cxx" "$@" > "$work/cxx.log" 2>&1 ||
    fail "configuring the C++ program: $(cat "$work/cxx.log")"
cmake --build "$work/cxx" > "$work/cxx.log" 2>&1 || fail "building the C++ program: $(cat "$work/cxx.log")"
[ "$("$work/cxx/cxx_consumer" "$seed")" = "$version 0 findings 1" ] || fail "the C++ program"

python3 - "$version" "$library_prefix" "$seed" << 'EOF' || fail "import xxgk"
import sys, xxgk
version, prefix, seed = sys.argv[1:]
assert xxgk.__version__ == version, xxgk.__version__
assert xxgk._ffi.library_path.startswith(prefix), xxgk._ffi.library_path
assert xxgk.check(seed) == [], xxgk.check(seed)
EOF
echo "faces: the command, C, C++ and Python work ($version)"

#!/bin/sh
# Fuzzes one target for a given time (docs/robustness.md):
#   sh tests/fuzz/run.sh TARGET [SECONDS] [BUILD_DIR]       (defaults: 600 s, build-fuzz)
# TARGET: json, read_text, read_markdown, read_html, read_docx, read_docx_part (the main document part, wrapped
# in a package), read_layout, read_auto or capi.
# Configures BUILD_DIR with clang, libFuzzer, ASan and UBSan, builds the target, seeds its corpus from the
# examples and samples (kept and grown across runs in BUILD_DIR/corpus/TARGET), and fuzzes at the lowest CPU
# priority with the format's dictionary. A crash, leak, timeout (10 s) or memory blow-up (4 GiB) stops the run
# and leaves the input in BUILD_DIR/findings/TARGET/: fix the bug, then keep the input under
# tests/fuzz/regressions/TARGET/ so the ctest replay guards it. The timeout is wall-clock time: on a machine
# busy with other work, a fuzzer at nice 19 starves and "times out" on ordinary inputs; set XXGK_NICE=0 there.
set -eu
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
target=$1
seconds=${2:-600}
build=${3:-build-fuzz}
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DXXGK_FUZZ=ON -DXXGK_BUILD_TESTS=OFF \
    -DXXGK_BUILD_BENCH=OFF -DXXGK_INSTALL=OFF -DXXGK_WERROR=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${XXGK_JOBS:-2}" --target "fuzz_$target"
python3 tests/fuzz/make_corpus.py "$build/corpus"
mkdir -p "$build/findings/$target"
set -- "$build/corpus/$target"
[ -d "tests/fuzz/regressions/$target" ] && set -- "$@" "tests/fuzz/regressions/$target"
exec nice -n "${XXGK_NICE:-19}" "$build/tests/fuzz/fuzz_$target" -dict=tests/fuzz/xxgk.dict -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=4096 -artifact_prefix="$build/findings/$target/" -print_final_stats=1 "$@"

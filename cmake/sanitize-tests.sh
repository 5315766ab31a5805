#!/bin/sh
# Runs the test suite under sanitizers (docs/robustness.md):
#   sh cmake/sanitize-tests.sh [asan|tsan|all]        (default: all)
# asan: configures build-asan with -DXXGK_SANITIZE=address,undefined (-O1 -g1, no benchmarks), builds
#       everything and runs the whole ctest suite with leak detection; any ASan/UBSan report fails the run.
# tsan: configures build-tsan with -DXXGK_SANITIZE=thread, builds the C ABI threads test (many threads,
#       distinct handles, shared options and catalogue) and runs it.
# Environment: XXGK_ASAN_DIR, XXGK_TSAN_DIR (build directories), XXGK_JOBS (default 2), CC/CXX (default the
# system compiler; GCC and clang both work).
set -eu
cd "$(dirname "$0")/.."
mode=${1:-all}
jobs=${XXGK_JOBS:-2}
asan_dir=${XXGK_ASAN_DIR:-build-asan}
tsan_dir=${XXGK_TSAN_DIR:-build-tsan}

# Tests that cannot run under ASan, each for a reason of its own (the same tests run in the normal build):
#   capi.valgrind*         valgrind and ASan both replace the allocator; they cannot share a process.
#   capi.out_of_memory, robustness.out_of_memory
#                          interpose malloc to fail the n-th allocation; ASan owns malloc.
#   *.consumer             outside projects built against the installed package without sanitizers cannot link
#                          (or load) the instrumented libraries.
asan_exclude='^(capi\.(valgrind.*|threads_valgrind|out_of_memory)|robustness\.out_of_memory|install\.consumer|capi\.consumer)$'
# Tests that load the instrumented libxxgk.so into an uninstrumented python3: they need the ASan runtime
# preloaded, with libstdc++ beside it (ASan's __cxa_throw interceptor binds at start-up and python3 does not
# link libstdc++), and Python's own allocations at exit are not leaks of ours. They carry the ctest label python_ffi
# (tests/CMakeLists.txt gives it to every script that imports the package, bindings/python to its suites).

# Sanitized builds compile with -O1 and line tables only (a build type of their own, flags from the
# environment at the first configure): reports keep file:line, and the build takes half the time of -O2 -g.
sanitize_build=-DCMAKE_BUILD_TYPE=Sanitize
export CFLAGS="${CFLAGS:--O1 -g1}" CXXFLAGS="${CXXFLAGS:--O1 -g1}"

case $mode in asan|tsan|all) ;; *) echo "usage: $0 [asan|tsan|all]" >&2; exit 2;; esac

if [ "$mode" != tsan ]; then
    start=$(date +%s)
    # Warnings are the normal build's job: GCC warns falsely under -fsanitize (maybe-uninitialized, restrict).
    cmake -S . -B "$asan_dir" -DXXGK_SANITIZE=address,undefined $sanitize_build -DXXGK_WERROR=OFF -DXXGK_BUILD_BENCH=OFF \
        >/dev/null
    cmake --build "$asan_dir" -j"$jobs"
    built=$(date +%s)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    ctest --test-dir "$asan_dir" --output-on-failure -j"$jobs" -E "$asan_exclude" -LE python_ffi
    runtime="$(${CC:-cc} -print-file-name=libasan.so) $(${CXX:-c++} -print-file-name=libstdc++.so)"
    if ctest --test-dir "$asan_dir" -N -L python_ffi | grep -q "Total Tests: [1-9]"; then
        LD_PRELOAD=$runtime ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
            ctest --test-dir "$asan_dir" --output-on-failure -j"$jobs" -L python_ffi
    fi
    done_at=$(date +%s)
    echo "asan: build $((built - start)) s, tests $((done_at - built)) s"
fi

if [ "$mode" != asan ]; then
    cmake -S . -B "$tsan_dir" -DXXGK_SANITIZE=thread $sanitize_build -DXXGK_BUILD_BENCH=OFF -DXXGK_WERROR=OFF >/dev/null
    cmake --build "$tsan_dir" -j"$jobs" --target capi_threads_test
    TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
        ctest --test-dir "$tsan_dir" --output-on-failure --no-tests=error -R '^capi\.threads$'
fi

# XXGK_SANITIZE: a comma-separated list of sanitizers (`address,undefined`, `thread`, `memory` with clang)
# applied to every target defined after this file is included — libraries, the command, tests, fuzzers.
# Empty (the default) builds without sanitizers. See docs/robustness.md and cmake/sanitize-tests.sh.
#
# XXGK_FUZZ (with clang) additionally instruments everything for libFuzzer's coverage feedback
# (`-fsanitize=fuzzer-no-link`); only the fuzz targets in tests/fuzz link libFuzzer itself.
set(XXGK_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined or thread (empty: none)")
if(XXGK_FUZZ AND NOT XXGK_SANITIZE)
  # libFuzzer finds memory errors only with a sanitizer, and its coverage hooks need a sanitizer runtime.
  set(XXGK_SANITIZE address,undefined)
endif()

if(XXGK_SANITIZE)
  if(XXGK_SANITIZE MATCHES "thread" AND XXGK_SANITIZE MATCHES "address")
    message(FATAL_ERROR "XXGK_SANITIZE: thread and address sanitizers cannot be combined")
  endif()
  set(xxgk_sanitize_flags -fsanitize=${XXGK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${xxgk_sanitize_flags})
  add_link_options(-fsanitize=${XXGK_SANITIZE})
  message(STATUS "xxgk: sanitizers ${XXGK_SANITIZE}")
endif()

if(XXGK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "XXGK_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++ "
                        "-DCMAKE_C_COMPILER=clang")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# xxgk_warnings(target): the project's warning set, as errors when XXGK_WERROR is on.
# GCC 12's -Wrestrict and -Wmaybe-uninitialized misfire on std::string and std::optional at -O2/-O3
# (GCC PR105329, PR80635), so an optimised build would fail on correct code; they are off for GCC.
function(xxgk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wconversion -Wno-sign-conversion
                                           $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict -Wno-maybe-uninitialized>
                                           $<$<BOOL:${XXGK_WERROR}>:-Werror>)
endfunction()

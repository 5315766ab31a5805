# xxgk_warnings(target): the project's warning set, as errors when XXGK_WERROR is on.
function(xxgk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wconversion -Wno-sign-conversion
                                           $<$<BOOL:${XXGK_WERROR}>:-Werror>)
endfunction()

# Compares the ABI of the built libxxgk.so with the committed baseline (capi/abi/libxxgk.abi) using libabigail.
# Any difference — a function removed or added, a struct or enum changed — fails until the baseline is updated
# deliberately: `cmake --build <build> --target xxgk_c_abi_baseline` (see docs/c-api.md), reviewed and committed.
# Run with -DABIDW=… -DABIDIFF=… -DLIB=… -DHEADERS=… -DBASELINE=… -DCURRENT=….
execute_process(COMMAND ${ABIDW} --headers-dir ${HEADERS} --drop-private-types --exported-interfaces-only
                        --no-corpus-path --no-comp-dir-path --short-locs --out-file ${CURRENT} ${LIB}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "abidw failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${ABIDIFF} ${BASELINE} ${CURRENT} RESULT_VARIABLE rc OUTPUT_VARIABLE report ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "The C ABI differs from capi/abi/libxxgk.abi (abidiff exit ${rc}):\n${report}${err}\n"
                      "If the change is intended, update the baseline: cmake --build <build dir> --target "
                      "xxgk_c_abi_baseline, and bump the SOVERSION for an incompatible change.")
endif()
message(STATUS "ABI matches the baseline")

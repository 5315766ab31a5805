# For the test scripts run with cmake -P: xxgk_run(WHAT COMMAND...) runs COMMAND in WORK_DIR, stops the script
# with WHAT, the exit status and the output when it fails, and leaves its standard output in `out`.
function(xxgk_run what)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

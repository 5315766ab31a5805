# The C example of docs/c-api.md compiles as C99 with warnings as errors, links libxxgk.so and reports the
# balance failure of examples/faults/balance.json. Run with -DCC=… -DDOC=… -DINCLUDE=<dirs> -DLIB=… -DWORK_DIR=…
# -DSOURCE_DIR=… [-DSANITIZE=address,undefined].
file(READ ${DOC} doc)
string(REGEX MATCH "```c\n([^`]*)```" block "${doc}")
if(NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "no ```c block in ${DOC}")
endif()
file(MAKE_DIRECTORY ${WORK_DIR})
file(WRITE ${WORK_DIR}/example.c "${CMAKE_MATCH_1}")
get_filename_component(libdir ${LIB} DIRECTORY)
# A sanitized library needs a sanitized program (the runtime must come first).
set(flags "")
if(SANITIZE)
  set(flags -fsanitize=${SANITIZE})
endif()
list(TRANSFORM INCLUDE PREPEND -I)
execute_process(COMMAND ${CC} -std=c99 -Wall -Wextra -Wpedantic -Werror ${flags} ${INCLUDE} ${WORK_DIR}/example.c
                        -o ${WORK_DIR}/example ${LIB} -Wl,-rpath,${libdir}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "the documented C example does not compile:\n${err}")
endif()
execute_process(COMMAND ${WORK_DIR}/example ${SOURCE_DIR}/examples/faults/balance.json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc OR NOT out MATCHES "t3.balance /applications/new_received/natural_person: ")
  message(FATAL_ERROR "the documented C example failed (${rc}):\n${out}${err}")
endif()

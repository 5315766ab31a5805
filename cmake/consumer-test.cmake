# Installs the build into a scratch prefix, then builds the outside project CONSUMER_DIR against it through
# find_package(xxgk) and through pkg-config, and runs its programs on the seed report (each must print
# "0 findings"). -D arguments: SOURCE_DIR, BUILD_DIR, WORK_DIR, CONSUMER_DIR; PROGRAMS, comma-separated,
# built through find_package (pkg-config builds the first); SANITIZE, the -fsanitize= list of a sanitized
# build (a sanitized library needs sanitized programs: the runtime must come first).
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "install failed")
endif()
set(ENV{PKG_CONFIG_PATH} ${WORK_DIR}/prefix/lib/pkgconfig)
string(REPLACE "," ";" PROGRAMS "${PROGRAMS}")
set(sanitize "")
if(SANITIZE)
  set(sanitize -DCMAKE_C_FLAGS=-fsanitize=${SANITIZE} -DCMAKE_CXX_FLAGS=-fsanitize=${SANITIZE}
               -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=${SANITIZE})
endif()
foreach(mode find_package pkg_config)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/${mode}
                          -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCONSUMER_MODE=${mode} ${sanitize}
                  RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "configuring ${CONSUMER_DIR} (${mode}) failed")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/${mode} RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "building ${CONSUMER_DIR} (${mode}) failed")
  endif()
  set(programs ${PROGRAMS})
  if(mode STREQUAL "pkg_config")
    list(GET PROGRAMS 0 programs)
  endif()
  foreach(program IN LISTS programs)
    # A shared library must be found in the prefix, not in the build tree.
    execute_process(COMMAND ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${WORK_DIR}/prefix/lib
                            ${WORK_DIR}/${mode}/${program} ${SOURCE_DIR}/examples/acheng-yagou-2023.json
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT out MATCHES "(^|[^0-9])0 findings")
      message(FATAL_ERROR "${CONSUMER_DIR} (${mode}, ${program}) failed: ${rc} ${out} ${err}")
    endif()
  endforeach()
endforeach()

# Installs the build into a scratch prefix, then builds a tiny outside C project against it through
# find_package(xxgk) (shared and static) and through pkg-config (xxgk-c.pc), and runs it on the seed report.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "install failed")
endif()
set(ENV{PKG_CONFIG_PATH} ${WORK_DIR}/prefix/lib/pkgconfig)
foreach(mode find_package pkg_config)
  # A sanitized library needs sanitized programs (the runtime must come first).
  set(sanitize "")
  if(SANITIZE)
    set(sanitize -DCMAKE_C_FLAGS=-fsanitize=${SANITIZE} -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=${SANITIZE})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/capi/tests/consumer -B ${WORK_DIR}/${mode}
                          -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCONSUMER_MODE=${mode} ${sanitize}
                  RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "configuring the C consumer (${mode}) failed")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/${mode} RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "building the C consumer (${mode}) failed")
  endif()
  set(programs consumer)
  if(mode STREQUAL "find_package")
    list(APPEND programs consumer_static)
  endif()
  foreach(program IN LISTS programs)
    # The shared one must find libxxgk.so.0 in the prefix, not in the build tree.
    execute_process(COMMAND ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${WORK_DIR}/prefix/lib
                            ${WORK_DIR}/${mode}/${program} ${SOURCE_DIR}/examples/acheng-yagou-2023.json
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT out MATCHES "\n?0 findings")
      message(FATAL_ERROR "the C consumer (${mode}, ${program}) failed: ${rc} ${out} ${err}")
    endif()
  endforeach()
endforeach()

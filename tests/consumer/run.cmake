# Installs the build into a scratch prefix, then builds a tiny outside project against it twice:
# through find_package(xxgk) and through pkg-config.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "install failed")
endif()
foreach(mode find_package pkg_config)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/${mode}
                          -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCONSUMER_MODE=${mode}
                  RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "configuring the consumer (${mode}) failed")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/${mode} RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "building the consumer (${mode}) failed")
  endif()
  execute_process(COMMAND ${WORK_DIR}/${mode}/consumer ${SOURCE_DIR}/examples/acheng-yagou-2023.json
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "0 findings")
    message(FATAL_ERROR "the consumer (${mode}) failed: ${rc} ${out}")
  endif()
endforeach()

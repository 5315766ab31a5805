# pip installs a copy of the package (so the source tree gets no build/ or egg-info) into a scratch --target
# directory, offline: no index, no build isolation. Then the installed copy, imported from outside the source
# tree, checks a report — once through XXGK_LIBRARY, once with the library copied next to the package.
file(REMOVE_RECURSE ${WORK_DIR})
file(COPY ${PACKAGE}/ DESTINATION ${WORK_DIR}/src PATTERN build EXCLUDE PATTERN *.egg-info EXCLUDE
     PATTERN __pycache__ EXCLUDE PATTERN libxxgk.so* EXCLUDE)
execute_process(COMMAND ${PYTHON} -m pip install --quiet --no-build-isolation --no-index --no-deps
                        --target ${WORK_DIR}/site ${WORK_DIR}/src
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "pip install failed (${rc}):\n${out}${err}")
endif()
set(probe "import sys, xxgk; assert xxgk.__file__.startswith(sys.argv[1]), xxgk.__file__; ds = xxgk.check(sys.argv[2]); assert [d.rule for d in ds] == ['t3.balance'] * 2, ds; print(xxgk._ffi.library_path)")
execute_process(COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${WORK_DIR}/site XXGK_LIBRARY=${LIBRARY}
                        ${PYTHON} -c "${probe}" ${WORK_DIR}/site ${SEED}
                WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "the installed package does not work with XXGK_LIBRARY:\n${out}${err}")
endif()
# Without XXGK_LIBRARY: the library next to the package is found first.
get_filename_component(soname ${LIBRARY} NAME)
file(COPY ${LIBRARY} DESTINATION ${WORK_DIR}/site/xxgk FOLLOW_SYMLINK_CHAIN)
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=XXGK_LIBRARY PYTHONPATH=${WORK_DIR}/site
                        ${PYTHON} -c "${probe}" ${WORK_DIR}/site ${SEED}
                WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc OR NOT out MATCHES "${WORK_DIR}/site/xxgk/libxxgk")
  message(FATAL_ERROR "the installed package does not find the library beside it:\n${out}${err}")
endif()
message(STATUS "pip install works offline; library found through XXGK_LIBRARY and beside the package")

# ctest fuzz.dictionary: the committed tests/fuzz/xxgk.dict equals the output of fuzz_dict (GENERATOR).
# Regenerate with: build/tests/fuzz/fuzz_dict > tests/fuzz/xxgk.dict
execute_process(COMMAND ${GENERATOR} OUTPUT_VARIABLE generated RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "fuzz_dict failed: ${status}")
endif()
file(READ ${DICT} committed)
if(NOT generated STREQUAL committed)
  message(FATAL_ERROR "${DICT} is out of date with format.hpp; regenerate it with: ${GENERATOR} > ${DICT}")
endif()
string(REGEX MATCHALL "\nkw[0-9]+=" entries "${committed}")
list(LENGTH entries n)
message(STATUS "xxgk.dict: ${n} entries, up to date")

# Installs the headers, the core targets, the command and its man page, the CMake package (find_package(xxgk)),
# xxgk.pc and the Python package, in the components the Debian packages are made of (cmake/XxgkPackage.cmake):
# Runtime (libxxgk.so.N), Development (headers, static libraries, CMake package, pkg-config files), Cli (the
# command) and Python.
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/xxgk DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development
        PATTERN *.in EXCLUDE)
install(FILES ${PROJECT_BINARY_DIR}/include/xxgk/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/xxgk
        COMPONENT Development)
install(TARGETS xxgk xxgk_boost_json xxgk_readers xxgk_render EXPORT xxgkTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development)
install(TARGETS xxgk_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Cli)
install(EXPORT xxgkTargets NAMESPACE xxgk:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xxgk COMPONENT Development)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/xxgkConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/xxgkConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xxgk)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/xxgkConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/xxgkConfig.cmake ${PROJECT_BINARY_DIR}/xxgkConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xxgk COMPONENT Development)

# xxgk.pc finds its prefix relative to itself, so the installed tree can be moved.
set(XXGK_PC_OCR_REQUIRES "")
if(XXGK_OCR)
  set(XXGK_PC_OCR_REQUIRES " tesseract lept")
endif()
file(RELATIVE_PATH XXGK_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
configure_file(${PROJECT_SOURCE_DIR}/cmake/xxgk.pc.in ${PROJECT_BINARY_DIR}/xxgk.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/xxgk.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT Development)

# The man page of the command, made by help2man from `xxgk --help --lang en` and `xxgk --version` (in a UTF-8
# locale: help2man turns what the locale cannot encode into question marks).
find_program(XXGK_HELP2MAN help2man)
find_program(XXGK_GZIP gzip)
if(XXGK_HELP2MAN AND XXGK_GZIP)
  set(XXGK_MAN_PAGE ${PROJECT_BINARY_DIR}/man/xxgk.1.gz)
  add_custom_command(OUTPUT ${XXGK_MAN_PAGE}
                     COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
                     COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8
                             ${XXGK_HELP2MAN} --no-info --no-discard-stderr --section=1 --source=xxgk
                             "--help-option=--help --lang en"
                             "--name=read and check government information disclosure annual reports"
                             --output=${PROJECT_BINARY_DIR}/man/xxgk.1 $<TARGET_FILE:xxgk_cli>
                     COMMAND ${XXGK_GZIP} -9nf ${PROJECT_BINARY_DIR}/man/xxgk.1
                     DEPENDS xxgk_cli COMMENT "Writing the man page xxgk.1 from xxgk --help" VERBATIM)
  add_custom_target(xxgk_man ALL DEPENDS ${XXGK_MAN_PAGE})
  install(FILES ${XXGK_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT Cli)
else()
  message(WARNING "help2man or gzip not found (Debian: help2man): the command is installed without its man page")
endif()

# The Python package, beside a generated _installed.py that says where the C library is, relative to the package
# (so the installed tree can be moved, and no variable is needed). The default directory is Debian's for /usr.
set(XXGK_INSTALL_PYTHONDIR lib/python3/dist-packages CACHE STRING
    "Where `cmake --install` puts the Python package xxgk, relative to the prefix")
file(RELATIVE_PATH XXGK_PYTHON_TO_LIBRARY /${XXGK_INSTALL_PYTHONDIR}/xxgk
     /${CMAKE_INSTALL_LIBDIR}/libxxgk.so.${XXGK_C_SOVERSION})
configure_file(${PROJECT_SOURCE_DIR}/cmake/python_installed.py.in ${PROJECT_BINARY_DIR}/python/_installed.py @ONLY)
file(GLOB XXGK_PYTHON_MODULES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/bindings/python/xxgk/*.py)
install(FILES ${XXGK_PYTHON_MODULES} ${PROJECT_BINARY_DIR}/python/_installed.py
        DESTINATION ${XXGK_INSTALL_PYTHONDIR}/xxgk COMPONENT Python)

include(XxgkPackage)

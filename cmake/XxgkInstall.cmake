# Installs the headers, the core targets, the command, the CMake package (find_package(xxgk)) and xxgk.pc.
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/xxgk DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS xxgk xxgk_boost_json xxgk_readers EXPORT xxgkTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS xxgk_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT xxgkTargets NAMESPACE xxgk:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xxgk)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/xxgkConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/xxgkConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xxgk)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/xxgkConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/xxgkConfig.cmake ${PROJECT_BINARY_DIR}/xxgkConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xxgk)

# xxgk.pc finds its prefix relative to itself, so the installed tree can be moved.
file(RELATIVE_PATH XXGK_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
configure_file(${PROJECT_SOURCE_DIR}/cmake/xxgk.pc.in ${PROJECT_BINARY_DIR}/xxgk.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/xxgk.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The Debian packages, made by CPack from the install components (cmake/XxgkInstall.cmake):
#   libxxgkN      Runtime      the C library libxxgk.so.N (N = XXGK_C_SOVERSION)
#   libxxgk-dev   Development  headers, static libraries, the CMake package, the pkg-config files
#   xxgk          Cli          the command and its man page
#   python3-xxgk  Python       the Python package, which finds libxxgk.so.N through its _installed.py
# `cpack -G DEB --config <build>/CPackConfig.cmake` writes them into the current directory; the packages always
# install under /usr, whatever CMAKE_INSTALL_PREFIX is (configure with -DCMAKE_INSTALL_PREFIX=/usr for Debian's
# multiarch library directory). The shared libraries' dependencies come from dpkg-shlibdeps; the programs the
# readers run (LibreOffice, pdftotext, Tesseract) are Recommends of the command. See docs/packaging.md.

set(XXGK_PACKAGE_MAINTAINER "xxgk maintainers <xxgk@users.noreply.invalid>" CACHE STRING
    "The Maintainer of the Debian packages (\"Name <address>\")")
set(XXGK_DEBIAN_REVISION 1 CACHE STRING "The Debian revision of the packages (the part after the version's dash)")
set(XXGK_DEBIAN_VERSION ${PROJECT_VERSION}-${XXGK_DEBIAN_REVISION})

# The release date is the one CHANGELOG.md gives for this version ("## [1.2.3] - YYYY-MM-DD"): a version without
# its entry there cannot be packaged.
file(STRINGS ${PROJECT_SOURCE_DIR}/CHANGELOG.md xxgk_release_line
     REGEX "^## \\[${PROJECT_VERSION}\\] - [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]")
if(NOT xxgk_release_line MATCHES "- ([0-9]+)-0*([0-9]+)-0*([0-9]+)")
  message(WARNING "CHANGELOG.md has no entry '## [${PROJECT_VERSION}] - YYYY-MM-DD': the Debian packages are not "
                  "configured")
  return()
endif()
# Days since 1970-01-01 of the civil date (H. Hinnant's days_from_civil), then the RFC 2822 date of Debian's
# changelog through string(TIMESTAMP), which reads SOURCE_DATE_EPOCH.
set(y ${CMAKE_MATCH_1})
set(m ${CMAKE_MATCH_2})
set(d ${CMAKE_MATCH_3})
if(m LESS_EQUAL 2)
  math(EXPR y "${y} - 1")
  math(EXPR m "${m} + 9")
else()
  math(EXPR m "${m} - 3")
endif()
math(EXPR xxgk_epoch "((${y} / 400) * 146097 + (${y} % 400) * 365 + (${y} % 400) / 4 - (${y} % 400) / 100
                       + (153 * ${m} + 2) / 5 + ${d} - 1 - 719468) * 86400")
set(xxgk_saved_epoch "$ENV{SOURCE_DATE_EPOCH}")
set(ENV{SOURCE_DATE_EPOCH} ${xxgk_epoch})
string(TIMESTAMP XXGK_RELEASE_DATE_RFC2822 "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(ENV{SOURCE_DATE_EPOCH} "${xxgk_saved_epoch}")

# Each package's /usr/share/doc/<package>: the copyright, Debian's changelog and the project's (compressed with
# gzip -9n, as Debian wants). Installed only by the packages (EXCLUDE_FROM_ALL: not by a plain cmake --install).
find_program(XXGK_GZIP gzip REQUIRED)
set(xxgk_docs ${PROJECT_BINARY_DIR}/packaging)
configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.Debian.in ${xxgk_docs}/changelog.Debian @ONLY)
execute_process(COMMAND ${XXGK_GZIP} -9nc ${xxgk_docs}/changelog.Debian OUTPUT_FILE ${xxgk_docs}/changelog.Debian.gz)
execute_process(COMMAND ${XXGK_GZIP} -9nc ${PROJECT_SOURCE_DIR}/CHANGELOG.md OUTPUT_FILE ${xxgk_docs}/changelog.gz)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/CHANGELOG.md
             ${PROJECT_SOURCE_DIR}/packaging/changelog.Debian.in)

set(xxgk_package_Runtime libxxgk${XXGK_C_SOVERSION})
set(xxgk_package_Development libxxgk-dev)
set(xxgk_package_Cli xxgk)
set(xxgk_package_Python python3-xxgk)
foreach(component Runtime Development Cli Python)
  string(TOUPPER ${component} upper)
  set(CPACK_DEBIAN_${upper}_PACKAGE_NAME ${xxgk_package_${component}})
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${xxgk_docs}/changelog.Debian.gz ${xxgk_docs}/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${xxgk_package_${component}} COMPONENT ${component}
          EXCLUDE_FROM_ALL)
endforeach()

# cpack packages what was built; it does not build everything first (nor does the `install` target).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME xxgk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${XXGK_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/packaging/cpack-project.cmake)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL Runtime Development Cli Python)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${XXGK_DEBIAN_REVISION})
set(CPACK_DEBIAN_PACKAGE_SOURCE xxgk)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${XXGK_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/capi)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# shlibs, and the ldconfig trigger lintian asks of a shared library package (CPack 3.25 writes only postinst and
# postrm calling ldconfig).
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/triggers)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
    "checks government disclosure annual reports - C library
xxgk reads China's annual reports on government information disclosure
(政府信息公开工作年度报告) in the uniform format of 2021 and checks them
with a documented catalogue of rules that point at the exact cell.
.
This package holds the shared C library libxxgk.so.${XXGK_C_SOVERSION}.")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "${xxgk_package_Runtime} (= ${XXGK_DEBIAN_VERSION}), libboost1.81-dev, libboost-json1.81-dev, libzip-dev, \
libpugixml-dev, libdeflate-dev, libxml2-dev, libxlsxwriter-dev, pkg-config")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
    "checks government disclosure annual reports - development files
xxgk reads China's annual reports on government information disclosure
(政府信息公开工作年度报告) in the uniform format of 2021 and checks them
with a documented catalogue of rules that point at the exact cell.
.
This package holds the C header xxgk.h, the C++20 headers, the static
libraries, the CMake package (find_package(xxgk)) and the pkg-config files
xxgk-c.pc and xxgk.pc.")

set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS
    "poppler-utils, libreoffice-writer-nogui, tesseract-ocr, tesseract-ocr-chi-sim")
set(CPACK_DEBIAN_CLI_DESCRIPTION
    "read and check government information disclosure annual reports
xxgk reads China's annual reports on government information disclosure
(政府信息公开工作年度报告) in the uniform format of 2021 and checks them
with a documented catalogue of rules that point at the exact cell.
.
This package holds the command xxgk: check (files and whole directories,
across years; text, JSON, CSV, SARIF, HTML, SQLite), parse, render, rules
and schema. PDF needs pdftotext (poppler-utils); Word and WPS files need
LibreOffice; scanned reports need Tesseract.")

set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS "python3 (>= 3.9), ${xxgk_package_Runtime} (= ${XXGK_DEBIAN_VERSION})")
set(CPACK_DEBIAN_PYTHON_DESCRIPTION
    "checks government disclosure annual reports - Python 3
xxgk reads China's annual reports on government information disclosure
(政府信息公开工作年度报告) in the uniform format of 2021 and checks them
with a documented catalogue of rules that point at the exact cell.
.
This package holds the Python 3 module xxgk, over the C library.")

include(CPack)

# The packages built, checked by lintian, installed and used (packaging/tests/package-test.cmake). Not in
# sanitized builds, whose libraries are not for installing.
if(XXGK_BUILD_TESTS AND NOT XXGK_SANITIZE)
  find_program(XXGK_DPKG_DEB dpkg-deb)
  find_program(XXGK_LINTIAN lintian)
  if(XXGK_DPKG_DEB AND XXGK_LINTIAN)
    add_test(NAME package.deb
             COMMAND ${CMAKE_COMMAND} -DCPACK=${CMAKE_CPACK_COMMAND} -DDPKG_DEB=${XXGK_DPKG_DEB}
                     -DLINTIAN=${XXGK_LINTIAN} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                     -DWORK_DIR=${PROJECT_BINARY_DIR}/package-test -DVERSION=${PROJECT_VERSION}
                     -DSOVERSION=${XXGK_C_SOVERSION} -DDEBIAN_VERSION=${XXGK_DEBIAN_VERSION}
                     -DCMAKE_ARGS=-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
                     -P ${PROJECT_SOURCE_DIR}/packaging/tests/package-test.cmake)
    set_tests_properties(package.deb PROPERTIES TIMEOUT 300 REQUIRED_FILES "$<TARGET_FILE:xxgk_c>;${XXGK_MAN_PAGE}")
  else()
    message(WARNING "dpkg-deb or lintian not found (cmake/install-deps.sh installs them): the package.deb test is "
                    "not registered")
  endif()
endif()

# Builds the Debian packages from the build tree with cpack, unpacks them into a fresh root (dpkg-deb -x: the
# files at their installed paths, under ROOT instead of /), and uses each face from there as a user would:
#   xxgk           --version, and `xxgk check` on the seed report; its man page; its Depends (dpkg-shlibdeps)
#                  and Recommends
#   libxxgk-dev    a C program built through pkg-config (xxgk-c), a C++ program through find_package(xxgk)
#                  linking xxgk::xxgk, xxgk::readers and xxgk::render
#   python3-xxgk   `import xxgk` finding libxxgk.so.N of libxxgkN without XXGK_LIBRARY
# and lintian reports no error. Programs linked to libxxgk.so.N run with LD_LIBRARY_PATH=ROOT's library directory,
# which stands in for the dynamic loader's cache of a real installation.
# -D arguments: CPACK, DPKG_DEB, LINTIAN, PKG_CONFIG, CC, PYTHON, BUILD_DIR, SOURCE_DIR, WORK_DIR, VERSION,
# SOVERSION, DEBIAN_VERSION; CMAKE_ARGS (;-list) for the C++ project (compiler, launcher).
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(root ${WORK_DIR}/root)
set(seed ${SOURCE_DIR}/examples/acheng-yagou-2023.json)

function(run what)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()
function(expect what text pattern)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "${what}: expected to match '${pattern}', got:\n${text}")
  endif()
endfunction()

# The packages.
run("cpack" ${CPACK} -G DEB --config ${BUILD_DIR}/CPackConfig.cmake -B ${WORK_DIR}/debs)
execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE arch OUTPUT_STRIP_TRAILING_WHITESPACE)
set(debs "")
foreach(package libxxgk${SOVERSION} libxxgk-dev xxgk python3-xxgk)
  set(deb ${WORK_DIR}/debs/${package}_${DEBIAN_VERSION}_${arch}.deb)
  if(NOT EXISTS ${deb})
    file(GLOB made ${WORK_DIR}/debs/*.deb)
    message(FATAL_ERROR "cpack made no ${deb}; it made: ${made}")
  endif()
  list(APPEND debs ${deb})
  run("unpacking ${deb}" ${DPKG_DEB} -x ${deb} ${root})
  run("the control of ${deb}" ${DPKG_DEB} --field ${deb})
  set(control_${package} "${out}")
endforeach()
message(STATUS "packages: ${debs}")

# The command: its dependencies are what it links (dpkg-shlibdeps), the reader's programs are recommended.
expect("xxgk Depends" "${control_xxgk}" "Depends:[^\n]*libsqlite3-0[^\n]*libzip4")
expect("xxgk Recommends" "${control_xxgk}" "Recommends:[^\n]*poppler-utils[^\n]*libreoffice-writer-nogui[^\n]*tesseract-ocr")
expect("libxxgk${SOVERSION} Depends" "${control_libxxgk${SOVERSION}}" "Depends:[^\n]*libc6")
expect("python3-xxgk Depends" "${control_python3-xxgk}" "Depends:[^\n]*libxxgk${SOVERSION} \\(= ${DEBIAN_VERSION}\\)")
run("xxgk --version" ${root}/usr/bin/xxgk --version)
expect("xxgk --version" "${out}" "^xxgk ${VERSION}\n$")
run("xxgk check on the seed" ${root}/usr/bin/xxgk check ${seed})
if(NOT EXISTS ${root}/usr/share/man/man1/xxgk.1.gz)
  message(FATAL_ERROR "the xxgk package has no man page")
endif()

# The C library and its development files.
file(GLOB_RECURSE library ${root}/usr/lib/*/libxxgk.so.${SOVERSION} ${root}/usr/lib/libxxgk.so.${SOVERSION})
file(GLOB_RECURSE pc ${root}/usr/lib/*/xxgk-c.pc)
if(NOT library OR NOT pc)
  message(FATAL_ERROR "no libxxgk.so.${SOVERSION} (${library}) or xxgk-c.pc (${pc}) under ${root}/usr/lib")
endif()
get_filename_component(libdir ${library} DIRECTORY)
get_filename_component(pcdir ${pc} DIRECTORY)
set(pkg_config ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${pcdir} ${PKG_CONFIG})
run("pkg-config --modversion xxgk-c" ${pkg_config} --modversion xxgk-c)
expect("pkg-config --modversion xxgk-c" "${out}" "^${VERSION}\n$")
run("pkg-config --cflags --libs xxgk-c" ${pkg_config} --cflags --libs xxgk-c)
string(STRIP "${out}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
run("the C program through pkg-config" ${CC} -std=c99 -o ${WORK_DIR}/c_consumer
    ${SOURCE_DIR}/capi/tests/consumer/consumer.c ${pc_flags})
run("the C program" ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${libdir} ${WORK_DIR}/c_consumer ${seed})
expect("the C program" "${out}" "(^|\n)0 findings\n$")

run("configuring the C++ program" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/packaging/tests/cxx -B ${WORK_DIR}/cxx
    -DCMAKE_PREFIX_PATH=${root}/usr ${CMAKE_ARGS})
run("building the C++ program" ${CMAKE_COMMAND} --build ${WORK_DIR}/cxx)
run("the C++ program" ${WORK_DIR}/cxx/cxx_consumer ${seed})
expect("the C++ program" "${out}" "^${VERSION} 0 findings 1\n$")

# The Python package, with Debian's Python and no variable but the path to the unpacked tree.
file(GLOB python_dir ${root}/usr/lib/python3/dist-packages)
set(probe [[
import sys, xxgk
version, root, seed = sys.argv[1:]
assert xxgk.__file__.startswith(root), xxgk.__file__
assert xxgk._ffi.library_path.startswith(root), xxgk._ffi.library_path
assert xxgk.__version__ == version, xxgk.__version__
print(len(xxgk.check(seed)), "findings")
]])
run("python3 -c 'import xxgk'" ${CMAKE_COMMAND} -E env --unset=XXGK_LIBRARY PYTHONPATH=${python_dir}
    PYTHONDONTWRITEBYTECODE=1 ${PYTHON} -c "${probe}" ${VERSION} ${root} ${seed})
expect("python3-xxgk" "${out}" "^0 findings\n$")

# lintian: no error (warnings are printed).
run("lintian" ${LINTIAN} --fail-on error --tag-display-limit 0 ${debs})
message(STATUS "lintian:\n${out}")

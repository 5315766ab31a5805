# Builds the Debian packages from the build tree with cpack, checks their control fields (dependencies from
# dpkg-shlibdeps, the Recommends of the command) and that lintian reports no error, then installs them and uses
# each face as a user would (packaging/tests/faces.sh: xxgk check on the seed and the man page, a C program
# through pkg-config, a C++ program through find_package(xxgk), import xxgk):
# - as root where mount namespaces and overlayfs are allowed (CI, the developers' machines): `apt-get install` of
#   the .deb files in a chroot on an overlay of this machine's root, which is left untouched, and the faces run
#   there with no variable but PATH;
# - otherwise from a fresh root the packages are unpacked into (dpkg-deb -x), with PATH, LD_LIBRARY_PATH,
#   PKG_CONFIG_PATH, CMAKE_PREFIX_PATH and PYTHONPATH pointing into it in place of an installation.
# -D arguments: CPACK, DPKG_DEB, LINTIAN, BUILD_DIR, SOURCE_DIR, WORK_DIR, VERSION, SOVERSION, DEBIAN_VERSION;
# CMAKE_ARGS (;-list) for the C++ project (compiler).
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(root ${WORK_DIR}/root)
set(seed ${SOURCE_DIR}/examples/acheng-yagou-2023.json)

include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/run-checked.cmake)
function(expect what text pattern)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "${what}: expected to match '${pattern}', got:\n${text}")
  endif()
endfunction()

# The packages.
xxgk_run("cpack" ${CPACK} -G DEB --config ${BUILD_DIR}/CPackConfig.cmake -B ${WORK_DIR}/debs)
execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE arch OUTPUT_STRIP_TRAILING_WHITESPACE)
set(debs "")
foreach(package libxxgk${SOVERSION} libxxgk-dev xxgk python3-xxgk)
  set(deb ${WORK_DIR}/debs/${package}_${DEBIAN_VERSION}_${arch}.deb)
  if(NOT EXISTS ${deb})
    file(GLOB made ${WORK_DIR}/debs/*.deb)
    message(FATAL_ERROR "cpack made no ${deb}; it made: ${made}")
  endif()
  list(APPEND debs ${deb})
  xxgk_run("unpacking ${deb}" ${DPKG_DEB} -x ${deb} ${root})
  xxgk_run("the control of ${deb}" ${DPKG_DEB} --field ${deb})
  set(control_${package} "${out}")
endforeach()
message(STATUS "packages: ${debs}")

# The command: its dependencies are what it links (dpkg-shlibdeps), the reader's programs are recommended.
expect("xxgk Depends" "${control_xxgk}" "Depends:[^\n]*libsqlite3-0[^\n]*libzip4")
expect("xxgk Recommends" "${control_xxgk}" "Recommends:[^\n]*poppler-utils[^\n]*libreoffice-writer-nogui[^\n]*tesseract-ocr")
expect("libxxgk${SOVERSION} Depends" "${control_libxxgk${SOVERSION}}" "Depends:[^\n]*libc6")
expect("python3-xxgk Depends" "${control_python3-xxgk}" "Depends:[^\n]*libxxgk${SOVERSION} \\(= ${DEBIAN_VERSION}\\)")
# lintian: no error (warnings are printed).
xxgk_run("lintian" ${LINTIAN} --fail-on error --tag-display-limit 0 ${debs})
message(STATUS "lintian:\n${out}")

find_program(UNSHARE unshare)
set(overlay ${WORK_DIR}/overlay)
file(MAKE_DIRECTORY ${overlay}/upper ${overlay}/work ${overlay}/root)
set(mount "mount -t overlay overlay -o lowerdir=/,upperdir=${overlay}/upper,workdir=${overlay}/work ${overlay}/root")
if(UNSHARE)
  execute_process(COMMAND ${UNSHARE} --mount --fork sh -c "${mount}" RESULT_VARIABLE overlay_rc OUTPUT_QUIET
                  ERROR_QUIET)
endif()
if(UNSHARE AND overlay_rc EQUAL 0)
  file(COPY ${debs} DESTINATION ${overlay}/upper/tmp/xxgk-debs)
  list(TRANSFORM debs REPLACE ".*/" "/tmp/xxgk-debs/" OUTPUT_VARIABLE inside)
  string(JOIN " " inside ${inside})
  string(JOIN " " cmake_args ${CMAKE_ARGS})
  set(root ${overlay}/root)
  # Outside: the overlay and the chroot, in a mount namespace of their own. Inside: apt, then the faces.
  file(WRITE ${WORK_DIR}/overlay.sh "set -e
${mount}
mount --bind /proc ${root}/proc
mount --bind /dev ${root}/dev
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 chroot ${root} sh -e /tmp/xxgk-install.sh
")
  file(WRITE ${overlay}/upper/tmp/xxgk-install.sh "
if ! apt-get install -y -q --no-install-recommends ${inside} > /tmp/xxgk-apt.log 2>&1; then
  cat /tmp/xxgk-apt.log
  exit 1
fi
sh ${SOURCE_DIR}/packaging/tests/faces.sh ${SOURCE_DIR} /tmp/xxgk-faces ${VERSION} /usr ${cmake_args}
")
  xxgk_run("apt-get install of the packages, and the faces, in an overlay chroot" ${UNSHARE} --mount --fork
      sh ${WORK_DIR}/overlay.sh)
  message(STATUS "installed with apt in an overlay chroot: ${out}")
else()
  file(GLOB_RECURSE library ${root}/usr/lib/libxxgk.so.${SOVERSION})
  file(GLOB_RECURSE pc ${root}/usr/lib/xxgk-c.pc)
  get_filename_component(libdir "${library}" DIRECTORY)
  get_filename_component(pcdir "${pc}" DIRECTORY)
  xxgk_run("the faces in the unpacked tree" ${CMAKE_COMMAND} -E env --unset=XXGK_LIBRARY
      PATH=${root}/usr/bin:/usr/bin:/bin LD_LIBRARY_PATH=${libdir} PKG_CONFIG_PATH=${pcdir}
      CMAKE_PREFIX_PATH=${root}/usr PYTHONPATH=${root}/usr/lib/python3/dist-packages MANPATH=${root}/usr/share/man
      PYTHONDONTWRITEBYTECODE=1 sh ${SOURCE_DIR}/packaging/tests/faces.sh ${SOURCE_DIR} ${WORK_DIR}/faces ${VERSION} ${root} ${CMAKE_ARGS})
  message(STATUS "no overlay (unshare and overlayfs need root): used from the unpacked tree: ${out}")
endif()

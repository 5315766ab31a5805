# The Python package as users install it: for each Python of PYTHONS (Debian's, the one first on PATH, ...), pip
# builds the wheel offline from the source tree (no index, no build isolation, nothing but the standard library:
# the package has its own PEP 517 backend), with LIBRARY carried in it; pip installs it into a scratch --target
# directory; and the installed copy, imported from outside the source tree without XXGK_LIBRARY, loads the library
# it carries, reports the project's version (package metadata, __version__ and the library's xxgk_version alike)
# and checks a report. Then a pure wheel (library=none), built with pip's build isolation, installs and works with
# the library named by XXGK_LIBRARY.
# -D arguments: PYTHONS (;-list), PACKAGE, WORK_DIR, LIBRARY, SEED (examples/faults/balance.json), VERSION.
file(REMOVE_RECURSE ${WORK_DIR})
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/run-checked.cmake)

set(probe [[
import importlib.metadata, sys, xxgk
site, seed, version, where = sys.argv[1:]
assert xxgk.__file__.startswith(site), xxgk.__file__
assert xxgk._ffi.library_path.startswith(where), xxgk._ffi.library_path
assert xxgk.__version__ == xxgk.library_version() == importlib.metadata.version("xxgk") == version, \
    (xxgk.__version__, xxgk.library_version(), importlib.metadata.version("xxgk"), version)
assert [d.rule for d in xxgk.check(seed)] == ["t3.balance"] * 2
print(sys.version.split()[0], xxgk._ffi.library_path)
]])
file(MAKE_DIRECTORY ${WORK_DIR})
set(index 0)
foreach(python IN LISTS PYTHONS)
  math(EXPR index "${index} + 1")
  set(dir ${WORK_DIR}/${index})
  xxgk_run("${python}: pip wheel" ${python} -m pip wheel --quiet --no-index --no-build-isolation --no-deps
      --config-settings=library=${LIBRARY} --wheel-dir ${dir}/wheel ${PACKAGE})
  file(GLOB wheel ${dir}/wheel/xxgk-${VERSION}-py3-none-*.whl)
  if(NOT wheel OR wheel MATCHES "-any\\.whl")
    message(FATAL_ERROR "${python}: no platform wheel xxgk-${VERSION}-py3-none-<platform>.whl in ${dir}/wheel")
  endif()
  xxgk_run("${python}: pip install of the wheel" ${python} -m pip install --quiet --no-index --no-deps
      --target ${dir}/site ${wheel})
  xxgk_run("${python}: the installed wheel" ${CMAKE_COMMAND} -E env --unset=XXGK_LIBRARY PYTHONPATH=${dir}/site
      ${python} -c "${probe}" ${dir}/site ${SEED} ${VERSION} ${dir}/site/xxgk/libxxgk.so.)
  message(STATUS "${python}: ${out}")
endforeach()

list(GET PYTHONS 0 python)
xxgk_run("${python}: pip install of a pure wheel" ${python} -m pip install --quiet --no-index --no-deps
    --config-settings=library=none --target ${WORK_DIR}/pure ${PACKAGE})
file(GLOB carried ${WORK_DIR}/pure/xxgk/libxxgk*)
if(carried)
  message(FATAL_ERROR "library=none still carried ${carried}")
endif()
xxgk_run("${python}: the pure package with XXGK_LIBRARY" ${CMAKE_COMMAND} -E env PYTHONPATH=${WORK_DIR}/pure
    XXGK_LIBRARY=${LIBRARY} ${python} -c "${probe}" ${WORK_DIR}/pure ${SEED} ${VERSION} ${LIBRARY})

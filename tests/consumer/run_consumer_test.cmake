# The packaging tests: programs built against an *installed* aptparse, as its
# users build them. Run by ctest (tests/CMakeLists.txt) as
#   cmake -DSTEP=... -DWORK_DIR=... [-D...] -P run_consumer_test.cmake
# with STEP one of
#   install       installs BUILD_DIR (library type BUILD_KIND, "static" or
#                 "shared") into WORK_DIR/BUILD_KIND, then builds the library
#                 alone from PROJECT_DIR as the other type and installs it
#                 into WORK_DIR/<other type>: the fixture of the steps below
#   find_package  builds and runs tests/consumer against WORK_DIR/KIND with
#                 find_package(aptparse CONFIG), configured by CONSUMER_CMAKE
#   pkg_config    builds and runs it with the README's command line,
#                 g++ -std=c++20 app.cpp $(pkg-config --cflags --libs aptparse)
#   without_re2   with RE2 hidden from CMake and pkg-config, configured by
#                 CONSUMER_CMAKE: find_package(aptparse CONFIG QUIET) finds
#                 the shared library (RE2 is its own dependency) and reports
#                 the static one not found, and REQUIRED fails saying why
set(source_dir ${CMAKE_CURRENT_LIST_DIR})

# Runs a command; fails the test, with its output, unless it exits 0. The
# output is left in `out`.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE output
                  ERROR_VARIABLE output)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${output}")
  endif()
  set(out "${output}" PARENT_SCOPE)
endfunction()

# Fails unless ELF file `file` has (expect=TRUE) or has not a NEEDED entry
# for libaptparse: the program linked the library of the kind under test.
function(check_needs_libaptparse file expect)
  find_program(READELF readelf REQUIRED)
  run(${READELF} -d ${file})
  string(REGEX MATCH "NEEDED[^\n]*\\[(libaptparse\\.so[^]]*)\\]" needed "${out}")
  set(needed "${CMAKE_MATCH_1}")
  if(expect AND NOT needed)
    message(FATAL_ERROR "${file} does not load libaptparse.so:\n${out}")
  elseif(NOT expect AND needed)
    message(FATAL_ERROR "${file} loads ${needed}, but the library is static")
  endif()
  if(needed)
    message(STATUS "${file} loads ${needed}")
  else()
    message(STATUS "${file} loads no libaptparse")
  endif()
endfunction()

function(check_consumer program kind)
  run(${program})
  message(STATUS "${out}")
  if(kind STREQUAL "shared")
    check_needs_libaptparse(${program} TRUE)
  else()
    check_needs_libaptparse(${program} FALSE)
  endif()
endfunction()

set(prefix ${WORK_DIR}/${KIND})

if(STEP STREQUAL "install")
  file(REMOVE_RECURSE ${WORK_DIR})
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/${BUILD_KIND})
  if(BUILD_KIND STREQUAL "shared")
    set(other static)
    set(shared OFF)
  else()
    set(other shared)
    set(shared ON)
  endif()
  # The library alone: without the CLI and the tests it needs no fmt.
  run(${CMAKE_COMMAND} -S ${PROJECT_DIR} -B ${WORK_DIR}/build-${other}
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
      -DBUILD_SHARED_LIBS=${shared} -DAPTPARSE_INSTALL=ON
      -DAPTPARSE_BUILD_TESTS=OFF -DAPTPARSE_BUILD_CLI=OFF
      -DAPTPARSE_BUILD_FUZZ=OFF -DAPTPARSE_BUILD_BENCH=OFF)
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/build-${other} --parallel 2)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/build-${other}
      --prefix ${WORK_DIR}/${other})

elseif(STEP STREQUAL "find_package")
  set(build ${WORK_DIR}/find_package-${KIND}-${CONSUMER_CMAKE_VERSION})
  file(REMOVE_RECURSE ${build})
  run(${CONSUMER_CMAKE} -S ${source_dir} -B ${build}
      -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER})
  run(${CONSUMER_CMAKE} --build ${build})
  check_consumer(${build}/consumer ${KIND})

elseif(STEP STREQUAL "pkg_config")
  find_program(PKG_CONFIG pkg-config REQUIRED)
  file(GLOB pcdirs ${prefix}/lib*/pkgconfig ${prefix}/lib/*/pkgconfig)
  string(REPLACE ";" ":" pcpath "${pcdirs}")
  set(ENV{PKG_CONFIG_PATH} "${pcpath}")
  run(${PKG_CONFIG} --libs aptparse)
  # The shared library brings RE2 itself; the static one names it.
  if(KIND STREQUAL "shared" AND out MATCHES "re2")
    message(FATAL_ERROR "the shared library's --libs name RE2: ${out}")
  elseif(KIND STREQUAL "static" AND NOT out MATCHES "-lre2")
    message(FATAL_ERROR "the static library's --libs lack RE2: ${out}")
  endif()
  set(program ${WORK_DIR}/pkg_config-${KIND})
  # The README's line, with this build's compiler for g++.
  run(sh -c "\"$0\" -std=c++20 \"$1\" $(pkg-config --cflags --libs aptparse) \
-o \"$2\"" ${CMAKE_CXX_COMPILER} ${source_dir}/consumer.cpp ${program})
  # Nothing tells the program where a shared library in a scratch prefix
  # is (no rpath): the user sets LD_LIBRARY_PATH, or runs ldconfig after
  # installing into a directory that ld.so searches.
  file(GLOB libdirs LIST_DIRECTORIES TRUE ${prefix}/lib*)
  string(REPLACE ";" ":" libpath "${libdirs}")
  set(ENV{LD_LIBRARY_PATH} "${libpath}")
  check_consumer(${program} ${KIND})

elseif(STEP STREQUAL "without_re2")
  # RE2 is a system package here: hide re2.pc (PKG_CONFIG_LIBDIR replaces
  # pkg-config's default path) and any re2Config.cmake.
  set(ENV{PKG_CONFIG_PATH} "")
  set(ENV{PKG_CONFIG_LIBDIR} "${WORK_DIR}/no-pkgconfig")
  set(hide_re2 -DCMAKE_DISABLE_FIND_PACKAGE_re2=ON
      -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER})
  foreach(kind shared static)
    set(build ${WORK_DIR}/without_re2-${kind}-${CONSUMER_CMAKE_VERSION})
    file(REMOVE_RECURSE ${build})
    run(${CONSUMER_CMAKE} -S ${source_dir}/without_re2 -B ${build}
        -DCMAKE_PREFIX_PATH=${WORK_DIR}/${kind} ${hide_re2})
    if(kind STREQUAL "shared" AND NOT out MATCHES "aptparse: found")
      message(FATAL_ERROR "the shared library needs no RE2, yet:\n${out}")
    elseif(kind STREQUAL "static" AND NOT out MATCHES "aptparse: not found")
      message(FATAL_ERROR "QUIET did not report aptparse missing:\n${out}")
    endif()
    message(STATUS "${kind}, QUIET, without RE2: as expected")
  endforeach()
  file(REMOVE_RECURSE ${build})
  execute_process(COMMAND ${CONSUMER_CMAKE} -S ${source_dir}/without_re2
                  -B ${build} -DCMAKE_PREFIX_PATH=${WORK_DIR}/static
                  -DREQUIRED=ON ${hide_re2}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc EQUAL 0 OR NOT out MATCHES "needs RE2")
    message(FATAL_ERROR "REQUIRED without RE2 should fail, saying why:\n${out}")
  endif()
  message(STATUS "static, REQUIRED, without RE2: fails as it should")

else()
  message(FATAL_ERROR "unknown STEP '${STEP}'")
endif()

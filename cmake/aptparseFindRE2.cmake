# Provides RE2 as the target re2::re2: RE2's own CMake package when there is
# one (vcpkg, Conan, Homebrew, RE2 installed by its CMake build), else RE2's
# pkg-config file re2.pc (Debian and Ubuntu ship only that). Never fails:
# the caller checks `TARGET re2::re2`.
#
# aptparse's build and its installed package config both include this file,
# so a static libaptparse's users find RE2 the way it was built against.
if(NOT TARGET re2::re2)
  find_package(re2 CONFIG QUIET)
endif()
if(NOT TARGET re2::re2)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(aptparse_RE2 QUIET IMPORTED_TARGET re2)
  endif()
  if(TARGET PkgConfig::aptparse_RE2)
    add_library(re2::re2 INTERFACE IMPORTED)
    set_target_properties(re2::re2 PROPERTIES
      INTERFACE_LINK_LIBRARIES PkgConfig::aptparse_RE2)
  endif()
endif()

// Stage 2d: dpkg's action lines, as the format table captured them
// (src/main/archives.c, src/main/remove.c):
//
//   Unpacking %s (%s) ...
//   Unpacking %s (%s) over (%s) ...
//   Removing %s (%s) ...
//   Purging configuration files for %s (%s) ...
//
// dpkg spells the package "name:arch" even for the native architecture, so
// its packages carry flag_log_arch (see report_builder).
#ifndef APTPARSE_SRC_CLASSIFY_DPKG_LINE_H_
#define APTPARSE_SRC_CLASSIFY_DPKG_LINE_H_

#include <string_view>

#include "aptparse/events.h"
#include "classify/line_kind.h"

namespace aptparse::detail {

// Builds the package of a dpkg action line from its printf arguments: the
// package, its version, and (unpack_over) the version it replaces.
package_ref dpkg_package(dpkg_act act, std::string_view name,
                         std::string_view version,
                         std::string_view replaced) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_DPKG_LINE_H_

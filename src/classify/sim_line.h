// Stage 2c: apt's simulate lines (apt-pkg/algorithms.cc, pkgSimulate).
//
//   Inst name [current] (candidate origins [arch]) [broken ...]
//   Conf name (candidate origins [arch])
//   Remv name [current]
//   Purg name [current]
//
// `name` may be "name:arch". `origins` is a comma-separated list of
// "Label:Version/Archive" entries whose labels may contain spaces. These
// lines are never translated.
#ifndef APTPARSE_SRC_CLASSIFY_SIM_LINE_H_
#define APTPARSE_SRC_CLASSIFY_SIM_LINE_H_

#include <string_view>

#include "aptparse/events.h"
#include "classify/list_items.h"
#include "classify/version_change.h"

namespace aptparse::detail {

struct sim_fields {
  std::string_view name;  // as printed, maybe "name:arch"
  std::size_t colon = 0;  // of name's first ':', or name.size(): none
  std::string_view current;
  std::string_view candidate;
  std::string_view origins;
  std::string_view arch;
};

// Parses what follows "Inst "/"Conf "/"Remv "/"Purg "; an empty name: the
// line has none. Returned, not filled in: the caller's fields are made once.
sim_fields sim_fields_of(std::string_view rest) noexcept;

// Builds the package of an Inst line: newly_installed without a current
// version, else as version_change() says.
// Inline: every Inst line builds one, and its caller reads it at once.
inline package_ref inst_package(const sim_fields& f) noexcept {
  // set_name's work without its purge marker (no Inst line's set is
  // to_remove), and every field written once in one initializer: filled
  // after a zeroing, the package cost its 136 bytes twice.
  std::string_view name = f.name, arch;
  const bool qualified = split_qualified(name, arch, f.colon);
  return package_ref{.name = name,
                     .arch = f.arch.empty() ? arch : f.arch,
                     .arch_qualified = qualified,
                     .old_version = f.current,
                     .new_version = f.candidate,
                     .origins = f.origins,
                     .set = f.current.empty()
                                ? pkg_set::newly_installed
                                : version_change(f.current, f.candidate),
                     .flags = flag_simulated};
}

// Builds the package of a Remv (purge = false) or Purg line.
package_ref removal_package(const sim_fields& f, bool purge) noexcept;

// The native architecture that a simulate line's package shows, or "": apt
// prints a package of the native architecture unqualified with its arch
// ("Inst a [1] (2 Debian:12/stable [amd64])"), a foreign one as "a:i386";
// "all" belongs to no architecture. Inline: every simulate line asks.
inline std::string_view native_arch_shown(const package_ref& pkg) noexcept {
  if (pkg.arch_qualified || pkg.arch == "all") return {};
  return pkg.arch;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_SIM_LINE_H_

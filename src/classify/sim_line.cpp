#include "classify/sim_line.h"

#include "classify/list_items.h"
#include "classify/version_change.h"

namespace aptparse::detail {

bool parse_sim_fields(std::string_view rest, sim_fields& out) noexcept {
  out = sim_fields{};
  std::size_t sp = rest.find(' ');
  out.name = rest.substr(0, sp);
  if (out.name.empty()) return false;
  if (sp == std::string_view::npos) return true;
  rest.remove_prefix(sp + 1);
  if (rest.starts_with('[')) {
    std::size_t close = rest.find(']');
    out.current =
        rest.substr(1, close == std::string_view::npos ? std::string_view::npos
                                                       : close - 1);
    if (close == std::string_view::npos) return true;
    rest.remove_prefix(close + 1);
    if (rest.starts_with(' ')) rest.remove_prefix(1);
  }
  if (!rest.starts_with('(')) return true;
  rest.remove_prefix(1);
  // "candidate origins [arch])": the group ends at the first "])".
  std::size_t end = rest.find("])");
  std::string_view group = rest.substr(0, end);
  sp = group.find(' ');
  out.candidate = group.substr(0, sp);
  if (sp == std::string_view::npos) return true;
  group.remove_prefix(sp + 1);
  if (end != std::string_view::npos) {
    std::size_t open = group.rfind('[');
    if (open != std::string_view::npos) {
      out.arch = group.substr(open + 1);
      group = group.substr(0, open);
    }
  }
  while (!group.empty() && group.back() == ' ') group.remove_suffix(1);
  out.origins = group;
  return true;
}

package_ref inst_package(const sim_fields& f) noexcept {
  package_ref pkg;
  pkg.set = f.current.empty() ? pkg_set::newly_installed
                              : version_change(f.current, f.candidate);
  set_name(pkg, f.name);
  if (!f.arch.empty()) pkg.arch = f.arch;
  pkg.old_version = f.current;
  pkg.new_version = f.candidate;
  pkg.origins = f.origins;
  pkg.flags |= flag_simulated;
  return pkg;
}

std::string_view native_arch_shown(const package_ref& pkg) noexcept {
  if (pkg.arch_qualified || pkg.arch == "all") return {};
  return pkg.arch;
}

package_ref removal_package(const sim_fields& f, bool purge) noexcept {
  package_ref pkg;
  pkg.set = pkg_set::to_remove;
  set_name(pkg, f.name);
  pkg.old_version = f.current;
  pkg.flags |= flag_simulated;
  if (purge) pkg.flags |= flag_purge;
  return pkg;
}

}  // namespace aptparse::detail

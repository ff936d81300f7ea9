#include "classify/dpkg_line.h"

#include "classify/list_items.h"
#include "classify/version_change.h"

namespace aptparse::detail {

package_ref dpkg_package(dpkg_act act, std::string_view name,
                         std::string_view version,
                         std::string_view replaced) noexcept {
  package_ref pkg;
  set_name(pkg, name);
  pkg.flags |= flag_log_arch;
  switch (act) {
    case dpkg_act::unpack_new:
      pkg.set = pkg_set::newly_installed;
      pkg.new_version = version;
      break;
    case dpkg_act::unpack_over:
      pkg.new_version = version;
      pkg.old_version = replaced;
      pkg.set = version_change(replaced, version);
      break;
    case dpkg_act::remove:
    case dpkg_act::purge:
      pkg.set = pkg_set::to_remove;
      pkg.old_version = version;
      if (act == dpkg_act::purge) pkg.flags |= flag_purge;
      break;
  }
  return pkg;
}

}  // namespace aptparse::detail

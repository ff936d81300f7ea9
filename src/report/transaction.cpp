// A transaction's sets by name, and its equality (which must skip the
// arena: two transactions with equal text in different arenas are equal).
#include "aptparse/report.h"

namespace aptparse {

std::vector<package>& transaction::set(pkg_set s) noexcept {
  return const_cast<std::vector<package>&>(
      static_cast<const transaction&>(*this).set(s));
}

const std::vector<package>& transaction::set(pkg_set s) const noexcept {
  switch (s) {
    case pkg_set::upgraded:
      return upgraded;
    case pkg_set::newly_installed:
      return newly_installed;
    case pkg_set::to_remove:
      return to_remove;
    case pkg_set::not_upgraded:
      return not_upgraded;
    case pkg_set::downgraded:
      return downgraded;
    case pkg_set::reinstalled:
      return reinstalled;
    case pkg_set::held_changed:
      return held_changed;
    case pkg_set::autoremovable:
      return autoremovable;
    case pkg_set::suggested:
      return suggested;
    case pkg_set::recommended:
      return recommended;
    case pkg_set::essential_removed:
      return essential_removed;
    case pkg_set::additional:
      return additional;
    case pkg_set::broken:
      return broken;
    case pkg_set::disappeared:
      return disappeared;
    case pkg_set::esm:
      return esm;
  }
  return upgraded;
}

bool operator==(const transaction& a, const transaction& b) {
  for (int s = 0; s < pkg_set_count; ++s)
    if (a.set(static_cast<pkg_set>(s)) != b.set(static_cast<pkg_set>(s)))
      return false;
  return a.counts == b.counts && a.consistency == b.consistency &&
         a.sizes == b.sizes && a.messages == b.messages &&
         a.unrecognized_count == b.unrecognized_count &&
         a.unrecognized == b.unrecognized && a.diagnostics == b.diagnostics &&
         a.span == b.span;
}

}  // namespace aptparse

// The one rule for a package installed over another version of itself, as
// simulate lines ("Inst a [1.0] (2.0 ...)") and dpkg ("Unpacking a (2.0)
// over (1.0)") show it: a newer version upgrades it, an older one
// downgrades it, the same one reinstalls it.
#ifndef APTPARSE_SRC_CLASSIFY_VERSION_CHANGE_H_
#define APTPARSE_SRC_CLASSIFY_VERSION_CHANGE_H_

#include <string_view>

#include "aptparse/events.h"
#include "util/debversion.h"

namespace aptparse::detail {

// Returns the set of a package whose `installed` version is replaced by
// `candidate`: upgraded, downgraded or reinstalled.
inline pkg_set version_change(std::string_view installed,
                              std::string_view candidate) noexcept {
  const int c = compare_versions(candidate, installed);
  return c > 0 ? pkg_set::upgraded
               : (c < 0 ? pkg_set::downgraded : pkg_set::reinstalled);
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_VERSION_CHANGE_H_

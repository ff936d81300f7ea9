// Debian version comparison (deb-version(7)), to tell an upgrade from a
// downgrade or a reinstall on a simulate line.
#ifndef APTPARSE_SRC_UTIL_DEBVERSION_H_
#define APTPARSE_SRC_UTIL_DEBVERSION_H_

#include <string_view>

namespace aptparse::detail {

// Returns <0, 0 or >0 as version `a` sorts before, equal to or after `b`,
// as `dpkg --compare-versions` does.
int compare_versions(std::string_view a, std::string_view b) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_UTIL_DEBVERSION_H_

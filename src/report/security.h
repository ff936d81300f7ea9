// Security classification of a transaction's packages, once it ends: the
// suites that the run's "Get:" lines name for its packages, and the count
// of security updates (report.h, transaction::security_count).
#ifndef APTPARSE_SRC_REPORT_SECURITY_H_
#define APTPARSE_SRC_REPORT_SECURITY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aptparse/report.h"
#include "report/string_arena.h"

namespace aptparse::detail {

// What one "Get:" line of the run fetched.
struct download {
  std::string name, arch, suite;
};

// Gives every package of `t` that has no suite of its own the suite of its
// download (same name; same arch where the package has one), and the
// security that suite says. Saves the suites in `arena`.
void apply_downloads(transaction& t, const std::vector<download>& downloads,
                     string_arena& arena);

// The packages of upgraded, newly_installed and the upgradable ones of
// listed whose security is true.
std::uint64_t count_security(const transaction& t) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_SECURITY_H_

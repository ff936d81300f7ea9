// Security classification of a transaction's packages, once it ends: the
// suites that the run's "Get:" lines name for its packages, the packages
// that are updates, and the count of security updates (report.h,
// transaction::security_count).
#ifndef APTPARSE_SRC_REPORT_SECURITY_H_
#define APTPARSE_SRC_REPORT_SECURITY_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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

// Calls fn(set, index, package) for each update of `t`, in order: the packages
// of upgraded and newly_installed (a new kernel or a renamed library is how a
// security fix often arrives), then the upgradable ones of listed. A run
// carried them out; a plan (cli::is_plan) leaves them pending. The one
// list of sets that security_count and cli::pending() share.
template <class Fn>
void for_each_update(const transaction& t, Fn&& fn) {
  const auto each = [&fn](pkg_set s, std::span<const package> set,
                          bool upgradable_only) {
    for (std::size_t i = 0; i < set.size(); ++i)
      if (!upgradable_only || set[i].upgradable) fn(s, i, set[i]);
  };
  each(pkg_set::upgraded, t.upgraded(), false);
  each(pkg_set::newly_installed, t.newly_installed(), false);
  each(pkg_set::listed, t.listed(), true);
}

// The updates of `t` (for_each_update) whose security is true.
std::uint64_t count_security(const transaction& t) noexcept;

// origins_security() (classify/origin.h), remembering the last few answers:
// a plan's simulate lines repeat a few origin lists ("Debian:12.5/stable,
// Debian-Security:12/stable-security"), and reading one against the rules
// cost more than the rest of a package's report.
class origin_security_cache {
 public:
  std::optional<bool> operator()(std::string_view origins);

 private:
  struct known {
    std::string origins;
    std::optional<bool> security;
  };
  std::array<known, 4> known_;
  std::size_t next_ = 0;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_SECURITY_H_

// apt's counts against the parsed sets.
#include <string_view>

#include "aptparse/report.h"

namespace aptparse {

void check_consistency(transaction& t) {
  t.consistency = consistency{};
  if (!t.counts) return;  // verdict stays no_counts
  const counts& c = *t.counts;
  struct check {
    std::string_view name;
    std::uint64_t count;
    std::size_t parsed;
    // apt counts these without always listing them: reinstalls appear only
    // on simulate lines, and "not upgraded" is listed only by upgrades.
    bool listed_only_sometimes;
  };
  const check checks[] = {
      {"upgraded", c.upgraded, t.upgraded.size(), false},
      {"newly_installed", c.newly_installed, t.newly_installed.size(), false},
      {"reinstalled", c.reinstalled, t.reinstalled.size(), true},
      {"downgraded", c.downgraded, t.downgraded.size(), false},
      {"to_remove", c.to_remove, t.to_remove.size(), false},
      {"not_upgraded", c.not_upgraded, t.not_upgraded.size(), true},
  };
  for (const check& k : checks) {
    if (k.count == k.parsed) continue;
    if (k.listed_only_sometimes && k.parsed == 0) {
      t.consistency.unverifiable.emplace_back(k.name);
    } else {
      t.consistency.mismatches.emplace_back(k.name);
    }
  }
  t.consistency.verdict = t.consistency.mismatches.empty()
                              ? consistency_verdict::consistent
                              : consistency_verdict::inconsistent;
}

}  // namespace aptparse

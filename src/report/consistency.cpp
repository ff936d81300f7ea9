// apt's counts against the parsed sets.
#include <string_view>

#include "aptparse/report.h"

namespace aptparse {

void check_consistency(transaction& t) {
  // Emptied, not replaced: a reused transaction keeps the vectors' room.
  t.consistency.verdict = consistency_verdict::no_counts;
  t.consistency.mismatches.clear();
  t.consistency.unverifiable.clear();
  if (!t.counts) return;  // verdict stays no_counts
  const counts& c = *t.counts;
  struct check {
    std::string_view name;
    std::uint64_t count;
    std::size_t parsed;
    bool listed_only_sometimes;  // see APTPARSE_COUNT_MAP (events.h)
  };
  // One entry per count that has a set; a count named as no set of the
  // transaction fails to compile here.
#define APTPARSE_CHECK_always(name) {#name, c.name, t.name().size(), false},
#define APTPARSE_CHECK_sometimes(name) {#name, c.name, t.name().size(), true},
#define APTPARSE_CHECK_none(name)
#define APTPARSE_CHECK(name, check) APTPARSE_CHECK_##check(name)
  const check checks[] = {APTPARSE_COUNT_MAP(APTPARSE_CHECK)};
#undef APTPARSE_CHECK
#undef APTPARSE_CHECK_none
#undef APTPARSE_CHECK_sometimes
#undef APTPARSE_CHECK_always
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

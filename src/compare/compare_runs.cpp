// compare_runs(): the plan's runs paired with the outcome's by their times.
#include <algorithm>

#include "aptparse/compare.h"

namespace aptparse {
namespace {

bool has_span(const transaction& t) { return t.start && t.end; }
bool has_start(const transaction& t) { return t.start.has_value(); }

}  // namespace

std::vector<comparison> compare_runs(std::span<const transaction> plan,
                                     std::span<const transaction> outcome) {
  if (plan.empty() || !std::ranges::all_of(plan, has_span) ||
      !std::ranges::all_of(outcome, has_start))
    return {compare(plan, outcome)};
  std::vector<comparison> runs;
  std::vector<transaction> within;
  for (const transaction& p : plan) {
    within.clear();
    for (const transaction& o : outcome)
      if (*p.start <= *o.start && *o.start <= *p.end) within.push_back(o);
    comparison& c = runs.emplace_back(compare({&p, 1}, within));
    c.start = p.start;
    c.end = p.end;
  }
  return runs;
}

}  // namespace aptparse

// compare(): the matching rules of compare.h, applied to the two sides.
#include "aptparse/compare.h"

#include <map>
#include <string_view>

#include "compare/sides.h"
#include "util/debversion.h"

namespace aptparse {
namespace {

using detail::side_entry;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool removes(change_action a) {
  return a == change_action::remove || a == change_action::purge;
}

change_status status_of(const change& plan, const side_entry& done) {
  if (done.failed) return change_status::failed;
  if (removes(plan.action) != removes(done.what.action))
    return change_status::different;
  if (removes(plan.action) || plan.new_version.empty() ||
      done.what.new_version.empty())
    return change_status::happened;
  return detail::compare_versions(plan.new_version, done.what.new_version) == 0
             ? change_status::happened
             : change_status::different;
}

// For each plan entry, the index of its outcome entry or kNone.
std::vector<std::size_t> match(const std::vector<side_entry>& plan,
                               const std::vector<side_entry>& outcome) {
  struct by_name {
    std::vector<std::size_t> plan, outcome;
  };
  std::map<std::string_view, by_name> names;
  for (std::size_t i = 0; i < plan.size(); ++i)
    names[plan[i].what.name].plan.push_back(i);
  for (std::size_t j = 0; j < outcome.size(); ++j)
    names[outcome[j].what.name].outcome.push_back(j);

  std::vector<std::size_t> of_plan(plan.size(), kNone);
  std::vector<bool> taken(outcome.size(), false);
  for (auto& [name, n] : names) {
    // Rule 1: the same, spelled, architecture.
    for (std::size_t i : n.plan) {
      const std::string& arch = plan[i].what.arch;
      if (arch.empty()) continue;
      for (std::size_t j : n.outcome) {
        if (!taken[j] && outcome[j].what.arch == arch) {
          of_plan[i] = j;
          taken[j] = true;
          break;
        }
      }
    }
    // Rule 2: the one package of that name left on each side.
    std::size_t left_plan = kNone, left_outcome = kNone, plans = 0,
                outcomes = 0;
    for (std::size_t i : n.plan)
      if (of_plan[i] == kNone) left_plan = i, ++plans;
    for (std::size_t j : n.outcome)
      if (!taken[j]) left_outcome = j, ++outcomes;
    if (plans == 1 && outcomes == 1) {
      of_plan[left_plan] = left_outcome;
      taken[left_outcome] = true;
    }
  }
  return of_plan;
}

}  // namespace

comparison compare(std::span<const transaction> plan,
                   std::span<const transaction> outcome) {
  const std::vector<side_entry> planned = detail::collect_side(plan, false);
  const std::vector<side_entry> done = detail::collect_side(outcome, true);
  const std::vector<std::size_t> of_plan = match(planned, done);

  comparison c;
  std::vector<bool> matched(done.size(), false);
  for (std::size_t i = 0; i < planned.size(); ++i) {
    planned_change& p = c.planned.emplace_back();
    p.plan = planned[i].what;
    const std::size_t j = of_plan[i];
    if (j == kNone) continue;  // absent
    matched[j] = true;
    p.status = status_of(p.plan, done[j]);
    if (done[j].has_change) p.outcome = done[j].what;
  }
  for (std::size_t j = 0; j < done.size(); ++j)
    if (!matched[j]) c.unplanned.push_back({done[j].what, done[j].failed});
  return c;
}

}  // namespace aptparse

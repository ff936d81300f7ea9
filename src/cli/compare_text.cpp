// The readable form of a comparison: a summary line (with the run's times
// when runs were paired by them), then one line per
// planned change in the plan's order, then the unplanned changes.
#include <fmt/format.h>

#include <iterator>

#include "cli/compare_command.h"

namespace aptparse::cli {
namespace {

std::string describe(const change& c) {
  std::string s = fmt::format("{} {}", action_name(c.action), c.name);
  if (!c.arch.empty()) s.append(":").append(c.arch);
  if (!c.old_version.empty() && !c.new_version.empty())
    s += fmt::format(" ({} -> {})", c.old_version, c.new_version);
  else if (!c.old_version.empty() || !c.new_version.empty())
    s += fmt::format(" ({}{})", c.old_version, c.new_version);
  return s;
}

// Why a change that did not happen did not, as far as the outcome says.
std::string_view why(change_status s) {
  switch (s) {
    case change_status::failed:
      return "dpkg left it unfinished (half-installed, half-configured or "
             "unpacked)";
    case change_status::different:
      return "the outcome changed it otherwise";
    case change_status::absent:
      return "not in the outcome";
    case change_status::happened:
      break;
  }
  return "";
}

}  // namespace

void append_compare_text(std::string& out, const comparison& c,
                         std::string_view plan, std::string_view outcome) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "{} -> {}", plan, outcome);
  if (c.start && c.end) fmt::format_to(o, " [{} .. {}]", *c.start, *c.end);
  fmt::format_to(o,
                 ": {} of {} planned changes happened, {} failed, {} "
                 "different, {} absent; {} unplanned\n",
                 c.count(change_status::happened), c.planned.size(),
                 c.count(change_status::failed),
                 c.count(change_status::different),
                 c.count(change_status::absent), c.unplanned.size());
  for (const planned_change& p : c.planned) {
    fmt::format_to(o, "  {:<9} {}", status_name(p.status), describe(p.plan));
    if (p.status != change_status::happened)
      fmt::format_to(o, ": {}", why(p.status));
    if (p.status == change_status::different && p.outcome)
      fmt::format_to(o, ": {}", describe(*p.outcome));
    out += '\n';
  }
  for (const unplanned_change& u : c.unplanned)
    fmt::format_to(o, "  unplanned {}{}\n", describe(u.outcome),
                   u.failed ? ": dpkg left it unfinished" : "");
}

}  // namespace aptparse::cli

#include "cli/fail_on.h"

#include <algorithm>

namespace aptparse::cli {
namespace {

constexpr std::string_view kNames[] = {"error", "inconsistent",
                                       "pending-security"};

// apt's or dpkg's error messages, history.log's "Error:", or packages
// dpkg left unfinished (the failed set).
bool has_error(const transaction& t) {
  return t.error.has_value() || !t.failed.empty() ||
         std::ranges::any_of(t.messages, [](const message& m) {
           return m.level == message_level::error;
         });
}

}  // namespace

std::span<const std::string_view> fail_on_names() { return kNames; }

bool is_plan(const transaction& t) {
  if (t.kind == record_kind::listing) return true;
  const auto simulated = [](const package& p) { return p.simulated; };
  const bool any = !t.upgraded.empty() || !t.newly_installed.empty();
  return any && std::ranges::all_of(t.upgraded, simulated) &&
         std::ranges::all_of(t.newly_installed, simulated);
}

std::vector<offered_upgrade> offered(const transaction& t) {
  std::vector<offered_upgrade> out;
  for (std::size_t i = 0; i < t.upgraded.size(); ++i)
    out.push_back({pkg_set::upgraded, i});
  for (std::size_t i = 0; i < t.listed.size(); ++i)
    if (t.listed[i].upgradable) out.push_back({pkg_set::listed, i});
  return out;
}

unsigned fail_reasons(const transaction& t) {
  unsigned out = 0;
  if (has_error(t)) out |= fail_error;
  if (t.consistency.verdict == consistency_verdict::inconsistent)
    out |= fail_inconsistent;
  if (t.security_count > 0 && is_plan(t)) out |= fail_pending_security;
  return out;
}

}  // namespace aptparse::cli

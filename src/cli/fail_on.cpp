#include "cli/fail_on.h"

#include <algorithm>

#include "report/security.h"

namespace aptparse::cli {
namespace {

constexpr std::string_view kNames[] = {"error", "inconsistent",
                                       "pending-security"};

// apt's or dpkg's error messages, history.log's "Error:", or packages
// dpkg left unfinished (the failed set).
bool has_error(const transaction& t) {
  return t.error.has_value() || !t.failed().empty() ||
         std::ranges::any_of(t.messages, [](const message& m) {
           return m.level == message_level::error;
         });
}

}  // namespace

std::span<const std::string_view> fail_on_names() { return kNames; }

bool is_plan(const transaction& t) {
  if (t.kind == record_kind::listing) return true;
  const auto simulated = [](const package& p) { return p.simulated; };
  const bool any = !t.upgraded().empty() || !t.newly_installed().empty();
  return any && std::ranges::all_of(t.upgraded(), simulated) &&
         std::ranges::all_of(t.newly_installed(), simulated);
}

std::vector<pending_package> pending(const transaction& t) {
  std::vector<pending_package> out;
  if (is_plan(t))
    detail::for_each_update(t,
                            [&out](pkg_set s, std::size_t i, const package&) {
                              out.push_back({s, i});
                            });
  for (std::size_t i = 0; i < t.not_upgraded().size(); ++i)
    out.push_back({pkg_set::not_upgraded, i});
  return out;
}

bool pending_security(const transaction& t) {
  return std::ranges::any_of(pending(t), [&t](const pending_package& p) {
    return t.set(p.set)[p.index].security.value_or(false);
  });
}

unsigned fail_reasons(const transaction& t) {
  unsigned out = 0;
  if (has_error(t)) out |= fail_error;
  if (t.consistency.verdict == consistency_verdict::inconsistent)
    out |= fail_inconsistent;
  if (pending_security(t)) out |= fail_pending_security;
  return out;
}

}  // namespace aptparse::cli

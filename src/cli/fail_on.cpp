#include "cli/fail_on.h"

#include <algorithm>

namespace aptparse::cli {
namespace {

constexpr std::string_view kNames[] = {"error", "inconsistent"};

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

unsigned fail_reasons(const transaction& t) {
  unsigned out = 0;
  if (has_error(t)) out |= fail_error;
  if (t.consistency.verdict == consistency_verdict::inconsistent)
    out |= fail_inconsistent;
  return out;
}

}  // namespace aptparse::cli

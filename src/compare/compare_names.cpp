// The stable names of compare.h's enumerations (JSON and Python use them).
#include <algorithm>
#include <iterator>

#include "aptparse/compare.h"
#include "util/enum_name.h"

namespace aptparse {
namespace {

using detail::name_in;

constexpr std::string_view kActionNames[] = {
    "install", "upgrade", "downgrade", "reinstall", "remove", "purge", "none"};
constexpr std::string_view kStatusNames[] = {"happened", "failed", "different",
                                             "absent"};
static_assert(std::size(kActionNames) ==
              static_cast<std::size_t>(change_action::none) + 1);
static_assert(std::size(kStatusNames) ==
              static_cast<std::size_t>(change_status::absent) + 1);

}  // namespace

std::string_view action_name(change_action a) noexcept {
  return name_in(kActionNames, a, "unknown");
}

std::string_view status_name(change_status s) noexcept {
  return name_in(kStatusNames, s, "unknown");
}

std::size_t comparison::count(change_status s) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(planned.begin(), planned.end(),
                    [s](const planned_change& p) { return p.status == s; }));
}

}  // namespace aptparse

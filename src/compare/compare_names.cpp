// The stable names of compare.h's enumerations (JSON and Python use them).
#include <algorithm>
#include <iterator>

#include "aptparse/compare.h"
#include "util/enum_name.h"

namespace aptparse {
namespace {

constexpr std::string_view kActionNames[] = {
    "install", "upgrade", "downgrade", "reinstall", "remove", "purge", "none"};
constexpr std::string_view kStatusNames[] = {"happened", "failed", "different",
                                             "absent"};
static_assert(std::size(kActionNames) ==
              static_cast<std::size_t>(change_action::none) + 1);
static_assert(std::size(kStatusNames) ==
              static_cast<std::size_t>(change_status::absent) + 1);

}  // namespace

APTPARSE_DEFINE_ENUM_NAME(action_name, change_action, kActionNames, "unknown")
APTPARSE_DEFINE_ENUM_NAME(status_name, change_status, kStatusNames, "unknown")

std::size_t comparison::count(change_status s) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(planned.begin(), planned.end(),
                    [s](const planned_change& p) { return p.status == s; }));
}

}  // namespace aptparse

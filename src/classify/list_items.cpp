#include "classify/list_items.h"

#include <algorithm>

#include "classify/line_kind.h"
#include "classify/record_line.h"

namespace aptparse::detail {
namespace {

// inside.find(" => "), by its '=' (eight bytes at a time): a -V group is
// short, and the generic search cost more than the rest of the item.
std::size_t find_arrow(std::string_view inside) {
  std::size_t from = 0;
  while (true) {
    const std::size_t eq = find_short<'='>(inside.substr(from));
    if (eq == std::string_view::npos) return eq;
    const std::size_t at = from + eq;
    if (at >= 1 && at + 2 < inside.size() && inside[at - 1] == ' ' &&
        inside[at + 1] == '>' && inside[at + 2] == ' ')
      return at - 1;
    from = at + 1;
  }
}

}  // namespace

bool is_package_list_line(std::string_view line) {
  auto name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '-' || c == '.';
  };
  bool any = false, all = true;
  parse_list_line(line, list_context{.set = pkg_set::to_remove},
                  [&](const package_ref& pkg) {
                    any = true;
                    const std::string_view n = pkg.name;
                    all = all && n.size() >= 2 && name_char(n[0]) &&
                          n[0] != '+' && n[0] != '-' && n[0] != '.' &&
                          std::all_of(n.begin(), n.end(), name_char);
                  });
  return any && all;
}

void apply_spaced_group(package_ref& pkg, std::string_view inside,
                        std::size_t blank) {
  // With a blank, the arrow is most often there.
  const std::size_t arrow =
      inside.substr(blank).starts_with(" => ") ? blank : find_arrow(inside);
  if (arrow != std::string_view::npos) {
    pkg.old_version = inside.substr(0, arrow);
    pkg.new_version = inside.substr(arrow + 4);
  } else {
    pkg.note = inside;
  }
}

// The group's meaning is apply_record_parts' (record_line.h), which the
// block-mask tokeniser calls with the ", " it has already found.
void apply_record_group(package_ref& pkg, std::string_view inside,
                        std::uint8_t record_flags) {
  apply_record_parts(pkg, inside, inside.find(", "), record_flags,
                     shows_current_version(pkg.set));
}

}  // namespace aptparse::detail

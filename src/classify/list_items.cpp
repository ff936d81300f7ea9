#include "classify/list_items.h"

#include <algorithm>

#include "classify/line_kind.h"

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

void apply_group(package_ref& pkg, std::string_view inside, std::size_t blank) {
  // The first blank decides the common -V group: without one it is one
  // version (and holds no " => "); with one, the arrow is most often there.
  if (blank == inside.size() && !inside.empty()) {
    (shows_current_version(pkg.set) ? pkg.old_version : pkg.new_version) =
        inside;
    return;
  }
  const std::size_t arrow =
      inside.substr(blank).starts_with(" => ") ? blank : find_arrow(inside);
  if (arrow != std::string_view::npos) {
    pkg.old_version = inside.substr(0, arrow);
    pkg.new_version = inside.substr(arrow + 4);
  } else {
    pkg.note = inside;
  }
}

void apply_record_group(package_ref& pkg, std::string_view inside,
                        std::uint8_t record_flags) {
  // "1.0-1", "1.0-1, automatic" or "1.0-1, 1.1-1".
  std::string_view first = inside, second;
  if (std::size_t comma = inside.find(", "); comma != std::string_view::npos) {
    first = inside.substr(0, comma);
    second = inside.substr(comma + 2);
  }
  if (second == "automatic") {
    pkg.flags |= flag_automatic;
    second = {};
  }
  if (record_flags & record_purge) pkg.flags |= flag_purge;
  if (!second.empty()) {
    pkg.old_version = first;
    pkg.new_version = second;
  } else if (record_flags & record_reinstall) {
    pkg.old_version = pkg.new_version = first;
  } else if (shows_current_version(pkg.set)) {
    pkg.old_version = first;
  } else {
    pkg.new_version = first;
  }
}

}  // namespace aptparse::detail

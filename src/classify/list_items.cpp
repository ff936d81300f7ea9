#include "classify/list_items.h"

#include <algorithm>

#include "classify/line_kind.h"

namespace aptparse::detail {
namespace {

// Sets whose single -V version is the installed one (apt's CurrentVersion).
bool shows_current_version(pkg_set set) {
  switch (set) {
    case pkg_set::to_remove:
    case pkg_set::autoremovable:
    case pkg_set::essential_removed:
    case pkg_set::disappeared:
    case pkg_set::broken:
      return true;
    default:
      return false;
  }
}

}  // namespace

void set_name(package_ref& pkg, std::string_view token) {
  // The purge marker: apt appends '*' to names in the removal list.
  if (pkg.set == pkg_set::to_remove && !token.empty() && token.back() == '*') {
    token.remove_suffix(1);
    pkg.flags |= flag_purge;
  }
  if (std::size_t colon = find_short(token, ':');
      colon != std::string_view::npos) {
    pkg.arch = token.substr(colon + 1);
    pkg.arch_qualified = true;
    token = token.substr(0, colon);
  }
  pkg.name = token;
}

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

void apply_group(package_ref& pkg, std::string_view inside) {
  static constexpr std::string_view kArrow = " => ";
  if (std::size_t arrow = inside.find(kArrow);
      arrow != std::string_view::npos) {
    pkg.old_version = inside.substr(0, arrow);
    pkg.new_version = inside.substr(arrow + kArrow.size());
  } else if (!inside.empty() &&
             inside.find_first_of(" \t") == std::string_view::npos) {
    (shows_current_version(pkg.set) ? pkg.old_version : pkg.new_version) =
        inside;
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

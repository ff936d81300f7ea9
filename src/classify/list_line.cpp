#include "classify/list_line.h"

#include <cstdint>
#include <variant>

#include "classify/field_end.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

// The next space-free token of `rest`, which moves past it and the spaces
// after it. Inline: three calls a line.
[[gnu::always_inline]] inline std::string_view next_token(
    std::string_view& rest) noexcept {
  const std::size_t end = field_end(rest);
  const std::string_view token = rest.substr(0, end);
  rest = trim_left(rest.substr(end));
  return token;
}

}  // namespace

bool split_listing_line(std::string_view line, listing_fields& out) noexcept {
  std::string_view rest = line;
  const std::string_view first = next_token(rest);
  const std::size_t slash = find_short<'/'>(first);
  if (slash == 0 || slash == std::string_view::npos) return false;
  out.name = first.substr(0, slash);
  out.suites = first.substr(slash + 1);
  out.version = next_token(rest);
  out.arch = next_token(rest);
  out.status = trim_right(rest);
  return !out.version.empty() && !out.arch.empty();
}

package_ref listing_package(const listing_fields& f, const table_row* status,
                            const captures& caps) noexcept {
  package_ref pkg;
  pkg.set = pkg_set::listed;
  pkg.name = f.name;
  pkg.arch = f.arch;
  pkg.origins = f.suites;
  pkg.suite = f.suites.substr(0, f.suites.find(','));
  pkg.new_version = f.version;
  if (status == nullptr) return pkg;
  const auto& s = std::get<list_status>(status->meaning);
  pkg.flags = s.flags;
  // The listed version is the installed one when the bracket says so.
  if (s.flags & flag_installed) pkg.old_version = f.version;
  if (s.arg == list_status::installed) pkg.old_version = caps.arg(0);
  if (s.arg == list_status::candidate) pkg.new_version = caps.arg(0);
  return pkg;
}

}  // namespace aptparse::detail

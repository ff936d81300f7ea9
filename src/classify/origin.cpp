#include "classify/origin.h"

#include <algorithm>
#include <cstdint>

#include "util/text.h"

namespace aptparse::detail {
namespace {

// Which part of an origin a rule looks at, and how.
enum class part : std::uint8_t { label, suite };
enum class how : std::uint8_t { exact, prefix, suffix };

struct origin_rule {
  part of;
  how match;
  std::string_view text;
};

// The security archives. Debian: the label of security.debian.org's
// Release file and its suites (bookworm-security, stable-security);
// Ubuntu: jammy-security, and Ubuntu Pro's ESM archives (esm.ubuntu.com),
// labelled UbuntuESM / UbuntuESMApps, whose suites are
// <codename>-infra-security, -infra-updates, -apps-security, -apps-updates
// and, as `apt list` may name the archive, esm-infra / esm-apps.
constexpr origin_rule kSecurityOrigins[] = {
    {part::label, how::exact, "Debian-Security"},
    {part::label, how::exact, "UbuntuESM"},
    {part::label, how::exact, "UbuntuESMApps"},
    {part::suite, how::suffix, "-security"},
    {part::suite, how::suffix, "-infra-updates"},
    {part::suite, how::suffix, "-apps-updates"},
    {part::suite, how::prefix, "esm-"},
};

// Suites that name no archive: the dpkg status file.
constexpr std::string_view kNoArchive[] = {"now"};

bool rule_matches(const origin_rule& r, std::string_view label,
                  std::string_view suite) {
  const std::string_view s = r.of == part::label ? label : suite;
  if (r.match == how::prefix) return s.starts_with(r.text);
  if (r.match == how::suffix) return s.ends_with(r.text);
  return s == r.text;
}

bool is_security(std::string_view label, std::string_view suite) {
  for (const origin_rule& r : kSecurityOrigins)
    if (rule_matches(r, label, suite)) return true;
  return false;
}

bool names_archive(std::string_view suite) {
  if (suite.empty()) return false;
  for (std::string_view none : kNoArchive)
    if (suite == none) return false;
  return true;
}

// Calls each(entry) for the entries of a `sep`-separated list, trimmed.
template <class Each>
std::optional<bool> any_entry(std::string_view list, char sep, Each&& each) {
  std::optional<bool> result;
  while (!list.empty()) {
    const std::size_t cut = list.find(sep);
    const std::string_view entry = trim(list.substr(0, cut));
    list = cut == std::string_view::npos ? std::string_view()
                                         : list.substr(cut + 1);
    result = either(result, each(entry));
  }
  return result;
}

}  // namespace

std::optional<bool> origins_security(std::string_view origins) noexcept {
  return any_entry(origins, ',', [](std::string_view e) -> std::optional<bool> {
    const std::size_t slash = e.rfind('/');
    if (slash == std::string_view::npos) {  // a suite
      if (!names_archive(e)) return std::nullopt;
      return is_security({}, e);
    }
    // "Label:Version/Archive"; labels may hold spaces, archives do not.
    const std::size_t colon = e.find(':');
    return is_security(e.substr(0, std::min(colon, slash)),
                       e.substr(slash + 1));
  });
}

}  // namespace aptparse::detail

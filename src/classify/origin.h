// Is an origin a security archive? The rules are one table (origin.cpp).
//
// apt names a version's origin in three places: a simulate line's release
// list ("Debian:12.5/stable, Debian-Security:12/stable-security"), the
// suites of an `apt list` line ("noble-updates,noble-security") and the
// suite of a "Get:" line ("bookworm-security/main"). An origin is a
// security archive when its suite ends in "-security" (Ubuntu ESM's
// "jammy-infra-security" and "jammy-apps-security" too), its label is
// Debian-Security, UbuntuESM or UbuntuESMApps, or its suite is one of
// Ubuntu ESM's ("esm-infra", "esm-apps", "jammy-infra-updates", ...).
#ifndef APTPARSE_SRC_CLASSIFY_ORIGIN_H_
#define APTPARSE_SRC_CLASSIFY_ORIGIN_H_

#include <optional>
#include <string_view>

namespace aptparse::detail {

// `origins` is a comma-separated list of a simulate line's
// "Label:Version/Archive" entries, or of suites as `apt list` prints them
// (or one suite); "now" (the dpkg status) and "" name no archive. Returns
// true if any entry is a security archive, false if entries are named and
// none is, nullopt if `origins` names none.
std::optional<bool> origins_security(std::string_view origins) noexcept;

// Either answer that says more: true over false over nullopt.
inline std::optional<bool> either(std::optional<bool> a,
                                  std::optional<bool> b) noexcept {
  if (a.value_or(false) || b.value_or(false)) return true;
  return a ? a : b;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_ORIGIN_H_

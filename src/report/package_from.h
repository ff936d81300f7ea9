// A package_ref's first mention as an owned package: its text saved in the
// transaction's arena, every field set at once (value-initialising the
// package first and filling it after cost a `rep stos` per package).
#ifndef APTPARSE_SRC_REPORT_PACKAGE_FROM_H_
#define APTPARSE_SRC_REPORT_PACKAGE_FROM_H_

#include <optional>
#include <string_view>

#include "aptparse/events.h"
#include "aptparse/report.h"
#include "report/string_arena.h"

namespace aptparse::detail {

// True when the ref has no origins, note or suite (history.log's and
// dpkg's mentions): then those stay empty and security unknown.
inline bool plain_ref(const package_ref& ref) noexcept {
  return (ref.origins.size() | ref.note.size() | ref.suite.size()) == 0;
}

// `arch` is already saved (or static); `security` from the ref's origins.
inline package package_from(const package_ref& ref, string_arena& arena,
                            std::string_view arch, std::optional<bool> security,
                            bool plain) {
  const auto flag = [&ref](std::uint16_t bit) {
    return (ref.flags & bit) != 0;
  };
  return package{
      .name = arena.save(ref.name),
      .arch = arch,
      .old_version = arena.save(ref.old_version),
      .new_version = arena.save(ref.new_version),
      .origins = plain ? std::string_view{} : arena.save(ref.origins),
      .note = plain ? std::string_view{} : arena.save(ref.note),
      .suite = plain ? std::string_view{} : arena.save(ref.suite),
      .alternatives = {},
      .reason = ref.reason,
      .security = security,
      .purge = flag(flag_purge),
      .automatic = flag(flag_automatic),
      .simulated = flag(flag_simulated),
      .upgradable = flag(flag_upgradable),
      .installed = flag(flag_installed),
      .local = flag(flag_local),
      .residual_config = flag(flag_residual_config),
      .auto_removable = flag(flag_auto_removable)};
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_PACKAGE_FROM_H_

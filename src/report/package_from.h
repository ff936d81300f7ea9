// A package_ref's first mention as an owned package: its text saved in the
// transaction's arena, every field set at once (value-initialising the
// package first and filling it after cost a `rep stos` per package).
#ifndef APTPARSE_SRC_REPORT_PACKAGE_FROM_H_
#define APTPARSE_SRC_REPORT_PACKAGE_FROM_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
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

// The eight flag bools of `package` (purge .. auto_removable, in a row, as
// asserted below) from a ref's package_flag bits, as one word: byte i is 0
// or 1. A multiply per half shifts copies of the flags so that flag i's bit
// lands on bit 0 of byte i (no two copies' bits meet, so nothing carries),
// instead of a test and a store per flag.
inline std::uint64_t flag_bytes(std::uint16_t flags) noexcept {
  constexpr std::uint32_t kLowBits = 0x01010101u;
  // purge (bit 0), automatic (1), simulated (3), upgradable (5): shifted by
  // 0, 7, 13 and 19 to bits 0, 8, 16 and 24.
  constexpr std::uint32_t kLowShifts = 1u | 1u << 7 | 1u << 13 | 1u << 19;
  const std::uint32_t lo = ((flags & 0x2bu) * kLowShifts) & kLowBits;
  // installed .. auto_removable (bits 6-9, in a row): shifted by 0, 7, 14, 21.
  constexpr std::uint32_t kHighShifts = 1u | 1u << 7 | 1u << 14 | 1u << 21;
  const std::uint32_t hi = (((flags >> 6) & 0xfu) * kHighShifts) & kLowBits;
  return lo | std::uint64_t{hi} << 32;
}
static_assert(flag_purge == 1 && flag_automatic == 2 && flag_simulated == 8 &&
              flag_upgradable == 32 && flag_installed == 64 &&
              flag_local == 128 && flag_residual_config == 256 &&
              flag_auto_removable == 512);

static_assert(offsetof(package, automatic) == offsetof(package, purge) + 1 &&
              offsetof(package, simulated) == offsetof(package, purge) + 2 &&
              offsetof(package, upgradable) == offsetof(package, purge) + 3 &&
              offsetof(package, installed) == offsetof(package, purge) + 4 &&
              offsetof(package, local) == offsetof(package, purge) + 5 &&
              offsetof(package, residual_config) ==
                  offsetof(package, purge) + 6 &&
              offsetof(package, auto_removable) ==
                  offsetof(package, purge) + 7);

// Sets p's eight flags from a ref's package_flag bits.
inline void set_flags(package& p, std::uint16_t flags) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    const std::uint64_t bytes = flag_bytes(flags);
    std::memcpy(&p.purge, &bytes, sizeof bytes);
  } else {
    const auto flag = [flags](std::uint16_t bit) { return (flags & bit) != 0; };
    p.purge = flag(flag_purge);
    p.automatic = flag(flag_automatic);
    p.simulated = flag(flag_simulated);
    p.upgradable = flag(flag_upgradable);
    p.installed = flag(flag_installed);
    p.local = flag(flag_local);
    p.residual_config = flag(flag_residual_config);
    p.auto_removable = flag(flag_auto_removable);
  }
}

// `arch` is already saved (or static); `security` from the ref's origins.
// The reference form of emplace_package() below (the tests hold the two to
// each other).
inline package package_from(const package_ref& ref, string_arena& arena,
                            std::string_view arch, std::optional<bool> security,
                            bool plain) {
  package p{.name = arena.save(ref.name),
            .arch = arch,
            .old_version = arena.save(ref.old_version),
            .new_version = arena.save(ref.new_version),
            .origins = plain ? std::string_view{} : arena.save(ref.origins),
            .note = plain ? std::string_view{} : arena.save(ref.note),
            .suite = plain ? std::string_view{} : arena.save(ref.suite),
            .alternatives = {},
            .reason = ref.reason,
            .security = security};
  set_flags(p, ref.flags);
  return p;
}

// package_from() built at `slot` (raw memory), field by field: built in
// place, the aggregate cleared all 152 bytes with a vector loop before its
// stores (~25 instructions a package); here each field is stored once,
// after the package's own zeroing stores. Saving every text first and
// storing after spilled registers in add() and cost more than it saved.
inline package* emplace_package(void* slot, const package_ref& ref,
                                string_arena& arena, std::string_view arch,
                                std::optional<bool> security, bool plain) {
  package* p = ::new (slot) package;
  p->name = arena.save(ref.name);
  p->arch = arch;
  p->old_version = arena.save(ref.old_version);
  p->new_version = arena.save(ref.new_version);
  if (!plain) {
    p->origins = arena.save(ref.origins);
    p->note = arena.save(ref.note);
    p->suite = arena.save(ref.suite);
  }
  p->reason = ref.reason;
  p->security = security;
  set_flags(*p, ref.flags);
  return p;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_PACKAGE_FROM_H_

// A package's flags in its JSON object: `,"name":true` for each set one, in
// the schema's order (README.md). The flags are eight consecutive bools of
// `package`, read as one word, and each set one's key is one fixed-size
// copy from a table, not a test and a copy per flag.
#ifndef APTPARSE_SRC_JSON_FLAG_KEYS_H_
#define APTPARSE_SRC_JSON_FLAG_KEYS_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "aptparse/report.h"

namespace aptparse::detail {

// The package's flags: set ones are written, in this order.
#define APTPARSE_JSON_FLAGS(X) \
  X(purge)                     \
  X(automatic)                 \
  X(simulated)                 \
  X(upgradable)                \
  X(installed)                 \
  X(local)                     \
  X(residual_config)           \
  X(auto_removable)

// `,"name":true` of each flag, padded for a fixed-size copy.
struct flag_key {
  char text[24];
  std::size_t size;
};
constexpr flag_key kFlagKeys[] = {
#define APTPARSE_FLAG_KEY(name) \
  {",\"" #name "\":true", sizeof(",\"" #name "\":true") - 1},
    APTPARSE_JSON_FLAGS(APTPARSE_FLAG_KEY)
#undef APTPARSE_FLAG_KEY
};

// Where each flag is in a package: flag_bits() needs eight bools in a row.
constexpr std::size_t kFlagOffsets[] = {
#define APTPARSE_FLAG_OFFSET(name) offsetof(package, name),
    APTPARSE_JSON_FLAGS(APTPARSE_FLAG_OFFSET)
#undef APTPARSE_FLAG_OFFSET
};
constexpr bool flags_in_a_row() {
  for (std::size_t i = 0; i < std::size(kFlagOffsets); ++i)
    if (kFlagOffsets[i] != kFlagOffsets[0] + i) return false;
  return std::size(kFlagOffsets) == sizeof(std::uint64_t);
}
static_assert(flags_in_a_row());

// The package's flags as one word: byte i is flag i of APTPARSE_JSON_FLAGS
// (0 or 1). The flags are consecutive bools in that order, so on a
// little-endian machine the word is one load.
inline std::uint64_t flag_bits(const package& p) {
  std::uint64_t bits = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&bits, &p.purge, sizeof bits);
  } else {
    int i = 0;
#define APTPARSE_FLAG_BIT(name) bits |= std::uint64_t{p.name} << (8 * i++);
    APTPARSE_JSON_FLAGS(APTPARSE_FLAG_BIT)
#undef APTPARSE_FLAG_BIT
  }
  return bits;
}

// The set flags' keys, in order: one fixed-size copy each.
inline char* put_flags(char* w, const package& p) {
  for (std::uint64_t bits = flag_bits(p); bits != 0; bits &= bits - 1) {
    const flag_key& k = kFlagKeys[std::countr_zero(bits) / 8];
    std::memcpy(w, k.text, sizeof k.text);
    w += k.size;
  }
  return w;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_JSON_FLAG_KEYS_H_

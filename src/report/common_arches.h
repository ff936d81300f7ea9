// The architecture names most packages have. The report builder points a
// package's arch at these rather than at a copy in the transaction's arena,
// and the JSON writer knows them by address: it writes each as a literal
// made at compile time, without checking its bytes again.
#ifndef APTPARSE_SRC_REPORT_COMMON_ARCHES_H_
#define APTPARSE_SRC_REPORT_COMMON_ARCHES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace aptparse::detail {

inline constexpr std::size_t kCommonArchCount = 4;
inline constexpr std::size_t kCommonArchStride = 8;
// One object for the whole program (an inline variable): its address is
// what common_arch_index() tells the names by.
inline constexpr char kCommonArches[kCommonArchCount][kCommonArchStride] = {
    "amd64", "all", "i386", "arm64"};
// Each name's length, from the table itself (the names are NUL-padded).
inline constexpr auto kCommonArchSizes = [] {
  std::array<std::size_t, kCommonArchCount> out{};
  for (std::size_t i = 0; i < kCommonArchCount; ++i)
    while (out[i] < kCommonArchStride && kCommonArches[i][out[i]] != '\0')
      ++out[i];
  return out;
}();
static_assert(kCommonArchSizes[0] == 5 && kCommonArchSizes[1] == 3);

inline constexpr std::string_view common_arch(std::size_t i) {
  return {kCommonArches[i], kCommonArchSizes[i]};
}

// The i of `arch` if it is exactly common_arch(i) (the same bytes at the
// same address, not an equal copy nor a part of it), else -1.
inline int common_arch_index(std::string_view arch) noexcept {
  const std::uintptr_t at = reinterpret_cast<std::uintptr_t>(arch.data()) -
                            reinterpret_cast<std::uintptr_t>(kCommonArches);
  if (at >= sizeof kCommonArches || at % kCommonArchStride != 0) return -1;
  const std::size_t i = at / kCommonArchStride;
  return arch.size() == kCommonArchSizes[i] ? static_cast<int>(i) : -1;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_COMMON_ARCHES_H_

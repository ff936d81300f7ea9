// The end of a space-free field: the first is_space byte, eight bytes at a
// time. Get lines' URIs and `apt list` lines' names, suites and versions
// run to 5-60 bytes, and a byte loop over them was the costliest part of
// both lines.
#ifndef APTPARSE_SRC_CLASSIFY_FIELD_END_H_
#define APTPARSE_SRC_CLASSIFY_FIELD_END_H_

#include <cstdint>
#include <string_view>

#include "util/text.h"

namespace aptparse::detail {

// Bytes below '!': every is_space byte and the other controls.
struct below_bang_test {
  static std::uint64_t any(std::uint64_t x) noexcept {
    return (x - swar::kOnes * 0x21) & ~x & swar::kHighs;
  }
  static std::uint64_t exact(std::uint64_t x) noexcept {
    constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
    return ~(((x & low7) + swar::kOnes * (0x80 - 0x21)) | x) & swar::kHighs;
  }
  static bool one(char c) noexcept {
    return static_cast<unsigned char>(c) < 0x21;
  }
};

// The index of the first is_space byte of s, or s.size().
inline std::size_t field_end(std::string_view s) noexcept {
  std::size_t i = find_flagged<below_bang_test>(s, 0);
  while (i < s.size() && !is_space(s[i]))  // a control that is no space
    i = find_flagged<below_bang_test>(s, i + 1);
  return i;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_FIELD_END_H_

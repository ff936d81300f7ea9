// Decimal numbers for the JSON writer. Line numbers and byte offsets are
// the writer's numbers (a dozen per transaction); below 10^8 they are
// turned into eight digits at once with a few multiplications in one
// 64-bit word (no division loop, no table), then the leading zeros are
// dropped. Larger ones, and big-endian machines, use std::to_chars.
#ifndef APTPARSE_SRC_JSON_NUMBER_H_
#define APTPARSE_SRC_JSON_NUMBER_H_

#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace aptparse::detail {

// The longest number: "-9223372036854775808" or 18446744073709551615.
constexpr std::size_t kNumberRoom = 20;

// The eight decimal digits of `v` < 10^8 as byte values 0-9, the most
// significant in the lowest byte: splits into two halves of four digits,
// each into two of two, each into two digits (x / 100 as x * 10486 >> 20,
// x / 10 as x * 103 >> 10: exact below 10^4 and 10^2).
constexpr std::uint64_t eight_digits(std::uint32_t v) {
  const std::uint64_t fours = (v / 10000) | (std::uint64_t{v % 10000} << 32);
  const std::uint64_t hi2 = ((fours * 10486) >> 20) & 0x0000007f0000007full;
  const std::uint64_t twos = ((fours - 100 * hi2) << 16) + hi2;
  const std::uint64_t hi1 = ((twos * 103) >> 10) & 0x000f000f000f000full;
  return hi1 + ((twos - 10 * hi1) << 8);
}

// put_number()'s rare case, out of line so that the inline part stays
// small.
template <class T>
[[gnu::noinline, gnu::cold]] char* put_number_any(char* w, T v) {
  return std::to_chars(w, w + kNumberRoom, v).ptr;
}

// Writes `v` in decimal at `w`, which has kNumberRoom bytes (up to eight
// bytes past the number may be overwritten); returns the end. Inline: the
// head writes four, and a call each cost about a fifth of the number.
template <class T>
[[gnu::always_inline]] inline char* put_number(char* w, T v) {
  const auto u = static_cast<std::uint64_t>(v);  // negative ones: large
  if constexpr (std::endian::native == std::endian::little) {
    if (u - 1 < 99999999) {  // 1 .. 10^8 - 1
      const std::uint64_t d = eight_digits(static_cast<std::uint32_t>(u));
      const int zeros = __builtin_ctzll(d) / 8;  // leading zero digits
      const std::uint64_t text = (d >> (8 * zeros)) + 0x3030303030303030ull;
      std::memcpy(w, &text, 8);
      return w + 8 - zeros;
    }
  }
  return put_number_any(w, v);
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_JSON_NUMBER_H_

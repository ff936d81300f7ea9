// Decimal numbers for the JSON writer. Line numbers and byte offsets are
// the writer's numbers (a dozen per transaction); below 10^8 they are
// written two digits at a time from a table of the pairs "00" to "99":
// one multiplication turns the number into a fixed-point fraction whose
// integer part is its leading one or two digits, and each further pair
// is the integer part of the fraction times 100 (no division, no loop).
// Larger ones, and negative ones, use std::to_chars.
#ifndef APTPARSE_SRC_JSON_NUMBER_H_
#define APTPARSE_SRC_JSON_NUMBER_H_

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace aptparse::detail {

// The longest number: "-9223372036854775808" or 18446744073709551615.
constexpr std::size_t kNumberRoom = 20;

// "00" to "99", two bytes each.
inline constexpr auto kDigitPairs = [] {
  std::array<char, 200> a{};
  for (std::size_t i = 0; i < 100; ++i) {
    a[2 * i] = static_cast<char>('0' + i / 10);
    a[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return a;
}();

// The pair of digits `d` (< 100) at `w`.
[[gnu::always_inline]] inline char* put_pair(char* w, std::uint32_t d) {
  std::memcpy(w, &kDigitPairs[2 * d], 2);
  return w + 2;
}

// `y` is a number's fraction n / 10^(2k) in 32.32 fixed point, rounded
// up: writes its integer part (1-99, without a leading zero), then its
// `pairs` (= k) pairs of digits, each the integer part of the fraction's
// rest times 100. The rounding error stays below one digit for n < 10^8
// with the factors of put_number() (each checked for every n of its range).
template <int pairs>
[[gnu::always_inline]] inline char* put_fraction(char* w, std::uint64_t y) {
  const auto lead = static_cast<std::uint32_t>(y >> 32);
  if (lead < 10) {
    *w++ = static_cast<char>('0' + lead);
  } else {
    w = put_pair(w, lead);
  }
  for (int i = 0; i < pairs; ++i) {
    y = (y & 0xffffffffu) * 100;
    w = put_pair(w, static_cast<std::uint32_t>(y >> 32));
  }
  return w;
}

// put_number()'s rare case, out of line so that the inline part stays
// small.
template <class T>
[[gnu::noinline, gnu::cold]] char* put_number_any(char* w, T v) {
  return std::to_chars(w, w + kNumberRoom, v).ptr;
}

// Writes `v` in decimal at `w`, which has kNumberRoom bytes; returns the
// end. Inline: the head writes four, and a call each cost about a fifth
// of the number.
template <class T>
[[gnu::always_inline]] inline char* put_number(char* w, T v) {
  const auto u = static_cast<std::uint64_t>(v);  // negative ones: large
  if (u >= 100000000) [[unlikely]]
    return put_number_any(w, v);
  const auto n = static_cast<std::uint32_t>(u);
  if (n < 100) {
    if (n < 10) {
      *w = static_cast<char>('0' + n);
      return w + 1;
    }
    return put_pair(w, n);
  }
  // 2^32 / 10^2k rounded up; 10^6's with 16 more bits, shifted back.
  if (n < 10000) return put_fraction<1>(w, n * std::uint64_t{42949673});
  if (n < 1000000) return put_fraction<2>(w, n * std::uint64_t{429497});
  return put_fraction<3>(w, (n * std::uint64_t{281474977}) >> 16);
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_JSON_NUMBER_H_

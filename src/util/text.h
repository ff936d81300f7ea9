// Small string helpers shared by the pipeline stages.
#ifndef APTPARSE_SRC_UTIL_TEXT_H_
#define APTPARSE_SRC_UTIL_TEXT_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace aptparse::detail {

// ' ', or '\t' '\n' '\v' '\f' '\r' (contiguous from 9 to 13): two compares
// instead of six, on every trimmed line.
constexpr bool is_space(char c) noexcept {
  return c == ' ' || static_cast<unsigned char>(c - '\t') <= '\r' - '\t';
}

constexpr bool is_digit(char c) noexcept {
  return static_cast<unsigned char>(c - '0') <= 9;
}

namespace swar {
inline constexpr std::uint64_t kOnes = 0x0101010101010101ull;
inline constexpr std::uint64_t kHighs = 0x8080808080808080ull;
// The high bit of each byte of `x` that equals `c`; borrows can only flag
// bytes above a real match, so the lowest flag is the first match.
inline std::uint64_t matches(std::uint64_t x, char c) noexcept {
  const std::uint64_t y = x ^ (kOnes * static_cast<unsigned char>(c));
  return (y - kOnes) & ~y & kHighs;
}
// The high bit of exactly the bytes of `x` that equal `c` (no carries
// between bytes, so the highest flag is the last match too).
inline std::uint64_t exact_matches(std::uint64_t x, char c) noexcept {
  constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
  const std::uint64_t y = x ^ (kOnes * static_cast<unsigned char>(c));
  return ~(((y & low7) + low7) | y | low7);
}
// sizeof(T) bytes at `p`, unaligned, as a little-endian number: byte k
// of the text is bits 8k..8k+7 on every machine. The searches count on
// it (the lowest flag is the first byte, ctz / 8 its index; a hash or a
// digit test reads byte k at bit 8k), so big-endian machines swap the
// bytes once here; on little-endian ones the load is the plain move.
template <class T = std::uint64_t>
T load(const char* p) noexcept {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8);
  T x;
  std::memcpy(&x, p, sizeof x);
  if constexpr (std::endian::native == std::endian::big) {
    if constexpr (sizeof(T) == 8)
      x = __builtin_bswap64(x);
    else
      x = __builtin_bswap32(x);
  }
  return x;
}
// sizeof(T) bytes at `p` in the machine's own order: for words that are
// only tested for a byte in any position and then stored back as they
// are (the JSON writer's copies of plain strings), where load()'s swap
// on big-endian machines would reverse the copy.
template <class T = std::uint64_t>
T load_raw(const char* p) noexcept {
  T x;
  std::memcpy(&x, p, sizeof x);
  return x;
}
// The bytes of a text of n bytes past its whole leading words, as one
// word: its last eight (overlapping the words before) if n >= 8, its first
// and last four if n >= 4, else its first, middle and last byte (all of
// them). Two texts of one length are equal iff their words at 0, 8, ...
// below n - 8 and their tails are; hashes of short texts (names, arches,
// versions) read them so, without a byte loop or a memcpy of n bytes.
inline std::uint64_t tail(const char* p, std::size_t n) noexcept {
  if (n >= 8) return load(p + n - 8);
  if (n >= 4)
    return load<std::uint32_t>(p) |
           (std::uint64_t{load<std::uint32_t>(p + n - 4)} << 32);
  if (n == 0) return 0;
  return static_cast<unsigned char>(p[0]) |
         (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
         (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
}
}  // namespace swar

// The index of the first byte of s[from..] that `Test` wants, or s.size().
// Eight bytes at a time (Test::any: high bits whose lowest marks the first
// wanted byte, swar::matches); the last few bytes by one overlapping load
// of the string's last eight (Test::exact: exactly the wanted bytes, as the
// overlap's bytes before `from` may be wanted too), shifted past the bytes
// already searched. A short tail then costs no byte loop: names and
// versions are 5-30 bytes. Strings under eight bytes take the byte loop.
template <class Test>
inline std::size_t find_flagged(std::string_view s, std::size_t from) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = from;
  for (; i + 8 <= n; i += 8)
    if (const std::uint64_t hit = Test::any(swar::load(p + i)))
      return i + static_cast<std::size_t>(__builtin_ctzll(hit)) / 8;
  if (i >= n) return n;
  if (n >= 8) {
    const std::size_t back = n - 8;  // i > back
    const std::uint64_t hit =
        Test::exact(swar::load(p + back)) >> (8 * (i - back));
    return hit ? i + static_cast<std::size_t>(__builtin_ctzll(hit)) / 8 : n;
  }
  for (; i < n; ++i)
    if (Test::one(p[i])) return i;
  return n;
}

namespace swar {
struct blank_test {
  static std::uint64_t any(std::uint64_t x) noexcept {
    return matches(x, ' ') | matches(x, '\t');
  }
  static std::uint64_t exact(std::uint64_t x) noexcept {
    return exact_matches(x, ' ') | exact_matches(x, '\t');
  }
  static bool one(char c) noexcept { return c == ' ' || c == '\t'; }
};
template <char C>
struct char_test {
  static std::uint64_t any(std::uint64_t x) noexcept { return matches(x, C); }
  static std::uint64_t exact(std::uint64_t x) noexcept {
    return exact_matches(x, C);
  }
  static bool one(char c) noexcept { return c == C; }
};
}  // namespace swar

// The index of the first ' ' or '\t' in s[from..], or s.size(). List lines
// are runs of short tokens, and the byte loop that found their ends was the
// costliest line of list parsing.
inline std::size_t find_blank(std::string_view s, std::size_t from) noexcept {
  return find_flagged<swar::blank_test>(s, from);
}

// s.find(C) for short strings (names, versions), inline; a libc call or a
// byte loop cost more than the search.
template <char C>
inline std::size_t find_short(std::string_view s) noexcept {
  const std::size_t at = find_flagged<swar::char_test<C>>(s, 0);
  return at == s.size() ? std::string_view::npos : at;
}

// a == b for short texts such as architecture names. For 4-8 bytes, two
// overlapping 4-byte loads per side settle it without a loop or a call to
// memcmp (string_view's ==): the machine compares the native architecture on
// every simulate line.
inline bool same_short_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n < 4 || n > 8) return a == b;
  std::uint32_t a0, a1, b0, b1;
  std::memcpy(&a0, a.data(), 4);
  std::memcpy(&a1, a.data() + n - 4, 4);
  std::memcpy(&b0, b.data(), 4);
  std::memcpy(&b1, b.data() + n - 4, 4);
  return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

constexpr std::string_view trim_left(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  return s.substr(i);
}

constexpr std::string_view trim_right(std::string_view s) noexcept {
  std::size_t n = s.size();
  while (n > 0 && is_space(s[n - 1])) --n;
  return s.substr(0, n);
}

constexpr std::string_view trim(std::string_view s) noexcept {
  return trim_right(trim_left(s));
}

// Splits `text` at '\n'; a trailing '\n' does not add an empty line.
inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_UTIL_TEXT_H_

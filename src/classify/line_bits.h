// The bytes of a list line that its tokens turn on, as bit masks: one pass
// over the line finds every blank, parenthesis and ':' at once, and the
// tokeniser (list_items.h) then walks the masks with bit scans instead of a
// search per token. SSE2 compares 16 bytes at a time (the last block by an
// overlapping load, so no byte past the line is read); other CPUs, and
// lines under 16 bytes, take a byte loop that gives the same masks.
#ifndef APTPARSE_SRC_CLASSIFY_LINE_BITS_H_
#define APTPARSE_SRC_CLASSIFY_LINE_BITS_H_

#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aptparse::detail {

// Bit i is set iff byte i of the line is one of the kind.
struct line_bits {
  std::uint64_t blank = 0;  // ' ' or '\t'
  std::uint64_t mark = 0;   // '(', ')' or ':' (the byte tells which)
  friend bool operator==(const line_bits&, const line_bits&) = default;
};

// Lines longer than this take the tokeniser's search path (list lines are
// 40-80 bytes; apt wraps its lists at the terminal's width). Under 64, so
// that bit n, one past the line, is a sentinel every search can stop at.
inline constexpr std::size_t kLineBitsMax = 63;

inline bool is_mark(char c) noexcept {
  return c == '(' || c == ')' || c == ':';
}

// The masks by a byte loop: for short lines and other CPUs, and the
// reference the tests hold the SSE2 masks to. `s.size() <= kLineBitsMax`.
inline line_bits line_bits_bytewise(std::string_view s) noexcept {
  line_bits b;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    const char c = s[i];
    if (c == ' ' || c == '\t') b.blank |= bit;
    if (is_mark(c)) b.mark |= bit;
  }
  return b;
}

#if defined(__SSE2__)
// The two masks of the 16 bytes at p, as bits 0-15.
struct block_bits {
  unsigned blank, mark;
};
inline block_bits block_bits_at(const char* p) noexcept {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const auto is = [v](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  // '(' and ')' are 0x28 and 0x29: one compare with the low bit cleared.
  const __m128i paren = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8('\xfe')),
                                       _mm_set1_epi8('('));
  return {
      static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(is(' '), is('\t')))),
      static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(paren, is(':'))))};
}
#endif

// The masks of `s`, `s.size() <= kLineBitsMax`.
inline line_bits line_bits_of(std::string_view s) noexcept {
#if defined(__SSE2__)
  const std::size_t n = s.size();
  if (n < 16) return line_bits_bytewise(s);
  line_bits b;
  const auto add = [&b](const block_bits& k, unsigned at) {
    b.blank |= std::uint64_t{k.blank} << at;
    b.mark |= std::uint64_t{k.mark} << at;
  };
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16)
    add(block_bits_at(s.data() + i), static_cast<unsigned>(i));
  // The last 16 bytes, overlapping those already done: their bits come out
  // the same, so OR-ing them in again changes nothing (one shift, not a
  // shift out and a shift in).
  if (i < n)
    add(block_bits_at(s.data() + n - 16), static_cast<unsigned>(n - 16));
  return b;
#else
  return line_bits_bytewise(s);
#endif
}

// The bits at and above `i`, i < 64.
constexpr std::uint64_t bits_from(std::size_t i) noexcept {
  return ~std::uint64_t{0} << i;
}

// The index of the lowest bit of `m`, which must not be 0 (the tokeniser
// sets the sentinel bit of its line's end).
inline std::size_t lowest_bit(std::uint64_t m) noexcept {
  return static_cast<std::size_t>(__builtin_ctzll(m));
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_LINE_BITS_H_

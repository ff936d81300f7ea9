// s.find(C) from an index for the fields of simulate lines ("Inst name
// [old] (new origins [arch])"), inline: 16 bytes a compare under SSE2, the
// last block by an overlapping load, so no byte past the string is read.
// memchr's call and set-up cost more than these 10-40-byte searches; the
// eight-byte SWAR search (find_short) takes strings under 16 bytes and
// other CPUs.
#ifndef APTPARSE_SRC_CLASSIFY_BYTE_FIND_H_
#define APTPARSE_SRC_CLASSIFY_BYTE_FIND_H_

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/text.h"

namespace aptparse::detail {

// The index of the first C in s[from..], or s.size(). `from <= s.size()`.
template <char C>
inline std::size_t find_byte(std::string_view s, std::size_t from) noexcept {
  const std::size_t n = s.size();
#if defined(__SSE2__)
  if (n >= 16) {
    const char* p = s.data();
    const __m128i c = _mm_set1_epi8(C);
    const auto hits = [&](std::size_t at) {
      return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)), c)));
    };
    std::size_t i = from;
    for (; i + 16 <= n; i += 16)
      if (const unsigned m = hits(i)) return i + __builtin_ctz(m);
    if (i >= n) return n;
    const unsigned m = hits(n - 16) >> (i - (n - 16));  // bytes i..n-1
    return m != 0 ? i + __builtin_ctz(m) : n;
  }
#endif
  return find_flagged<swar::char_test<C>>(s, from);
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_BYTE_FIND_H_

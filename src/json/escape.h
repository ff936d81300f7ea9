// JSON string literals for the writer (json_writer.cpp): bytes that are
// not valid UTF-8 become \udcXX escapes, the "surrogateescape" mapping
// (see aptparse/json.h).
//
// Most strings of a log are short plain ASCII (names, versions, arches):
// put_string() checks and copies those of up to 32 bytes inline, with two
// overlapping loads and stores (of 8 or 16 bytes) and no per-byte loop;
// longer ones and those that need escaping take the out-of-line
// put_string_any().
#ifndef APTPARSE_SRC_JSON_ESCAPE_H_
#define APTPARSE_SRC_JSON_ESCAPE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/text.h"

namespace aptparse::detail {

// Room a JSON string literal of `n` bytes may need: every byte can become a
// six-byte \uXXXX escape; 16 more for the block copy's overshoot.
constexpr std::size_t string_room(std::size_t n) { return 6 * n + 2 + 16; }

// Writes `s` as a JSON string literal (quotes included) at `w`, which has
// string_room(s.size()) bytes; returns the end. Any length, any bytes.
char* put_string_any(char* w, std::string_view s);

#if defined(__SSE2__)
// 0xff for each byte of `v` that needs no escaping: from 0x20 to 0x7f, not
// '"' or '\\'. Signed compare: bytes below 0x20 and from 0x80 up are both
// not "> 0x1f" (one compare of the range, no negation of it).
[[gnu::always_inline]] inline __m128i plain_bytes(__m128i v) {
  return _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                          _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1f)));
}
// True iff a byte of `v` must be escaped or may start invalid UTF-8: below
// 0x20, from 0x80 up, '"' or '\\'.
[[gnu::always_inline]] inline bool has_special(__m128i v) {
  return _mm_movemask_epi8(plain_bytes(v)) != 0xffff;
}
#endif

// True iff a byte of `lo` or `hi` must be escaped or may start invalid
// UTF-8 (as has_special(__m128i)).
[[gnu::always_inline]] inline bool has_special(std::uint64_t lo,
                                               std::uint64_t hi) {
#if defined(__SSE2__)
  return has_special(
      _mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo)));
#else
  using swar::kHighs, swar::kOnes, swar::matches;
  const auto one = [](std::uint64_t x) {
    return ((x | ((x - kOnes * 0x20) & ~x)) & kHighs) != 0 ||
           matches(x, '"') != 0 || matches(x, '\\') != 0;
  };
  return one(lo) || one(hi);
#endif
}

// put_string() writes at most this many bytes itself (a plain string of
// up to 32 bytes and its quotes, its word stores included); any other
// string it hands to its `other`.
constexpr std::size_t kInlineStringRoom = 34;

// A string of 17 to 32 bytes (long package names and versions, log
// times): its first and last 16 bytes, overlapping, checked as two blocks
// and stored as the same blocks when plain; else other(w, s).
template <class Other>
[[gnu::always_inline]] inline char* put_string_17_32(char* w,
                                                     std::string_view s,
                                                     Other other) {
  const char* p = s.data();
  const std::size_t n = s.size();
  const std::uint64_t a = swar::load_raw(p), b = swar::load_raw(p + 8);
  const std::uint64_t y = swar::load_raw(p + n - 16),
                      z = swar::load_raw(p + n - 8);
  if (has_special(a, b) || has_special(y, z)) [[unlikely]]
    return other(w, s);
  w[0] = '"';
  std::memcpy(w + 1, &a, 8);
  std::memcpy(w + 9, &b, 8);
  std::memcpy(w + 1 + n - 16, &y, 8);
  std::memcpy(w + 1 + n - 8, &z, 8);
  w[n + 1] = '"';
  return w + n + 2;
}

// put_string_any() with the common case inline: a plain string of at most
// 16 bytes is loaded as two (overlapping) words, checked once, and stored
// as the same two words; one of 17 to 32 bytes as two blocks of 16. Any
// other string is other(w, s)'s (put_string_any(), or a caller's that
// makes room for it first).
template <class Other>
[[gnu::always_inline]] inline char* put_string(char* w, std::string_view s,
                                               Other other) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::uint64_t lo, hi;
  if (n > 16) {
    if (n > 32) return other(w, s);
    return put_string_17_32(w, s, other);
  }
#if defined(__SSE2__)
  if (n >= 8) {  // two words loaded into one block, no general registers
    const __m128i a = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
    const __m128i z =
        _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + n - 8));
    if (has_special(_mm_unpacklo_epi64(a, z))) [[unlikely]]
      return other(w, s);
    w[0] = '"';
    _mm_storel_epi64(reinterpret_cast<__m128i*>(w + 1), a);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(w + 1 + n - 8), z);
    w[n + 1] = '"';
    return w + n + 2;
  }
  if (n >= 4) {  // the same with two (overlapping) four-byte halves
    const __m128i a = _mm_cvtsi32_si128(swar::load_raw<std::int32_t>(p));
    const __m128i z =
        _mm_cvtsi32_si128(swar::load_raw<std::int32_t>(p + n - 4));
    const __m128i v = _mm_unpacklo_epi32(a, z);
    if (has_special(_mm_unpacklo_epi64(v, v))) [[unlikely]]
      return other(w, s);
    w[0] = '"';
    const std::int32_t head = _mm_cvtsi128_si32(a);
    const std::int32_t tail = _mm_cvtsi128_si32(z);
    std::memcpy(w + 1, &head, 4);
    std::memcpy(w + 1 + n - 4, &tail, 4);
    w[n + 1] = '"';
    return w + n + 2;
  }
#endif
  if (n >= 8) {
    lo = swar::load_raw(p);
    hi = swar::load_raw(p + n - 8);
  } else if (n >= 4) {
    lo = swar::load_raw<std::uint32_t>(p) |
         (std::uint64_t{swar::load_raw<std::uint32_t>(p + n - 4)} << 32);
    hi = lo;
  } else if (n > 0) {
    // The bytes p[0], p[n/2], p[n-1] cover n = 1..3; the rest is 'a'.
    const auto b = [&](std::size_t i) {
      return std::uint64_t{static_cast<unsigned char>(p[i])};
    };
    lo = 0x6161616161000000ull | b(0) | (b(n / 2) << 8) | (b(n - 1) << 16);
    hi = lo;
  } else {
    w[0] = '"';
    w[1] = '"';
    return w + 2;
  }
  if (has_special(lo, hi)) [[unlikely]]
    return other(w, s);
  w[0] = '"';
  if (n >= 8) {
    std::memcpy(w + 1, &lo, 8);
    std::memcpy(w + 1 + n - 8, &hi, 8);
  } else if (n >= 4) {
    const auto a = static_cast<std::uint32_t>(lo);
    const auto z = static_cast<std::uint32_t>(lo >> 32);
    std::memcpy(w + 1, &a, 4);
    std::memcpy(w + 1 + n - 4, &z, 4);
  } else {
    w[1] = p[0];
    w[1 + n / 2] = p[n / 2];
    w[n] = p[n - 1];
  }
  w[n + 1] = '"';
  return w + n + 2;
}
[[gnu::always_inline]] inline char* put_string(char* w, std::string_view s) {
  return put_string(w, s, put_string_any);
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_JSON_ESCAPE_H_

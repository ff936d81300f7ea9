// The hot loop of stage 1: find the end of a line and, in the same pass,
// whether it holds an escape byte (so terminal-control stripping is skipped
// for the lines that have none). SSE2 tests 16 bytes at a time; other CPUs
// use memchr.
#ifndef APTPARSE_SRC_LINES_SCAN_H_
#define APTPARSE_SRC_LINES_SCAN_H_

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aptparse::detail {

struct scan_result {
  const char* end;  // the first '\n' or '\r' in the range, or its end
  bool escape;      // an ESC byte (0x1b) comes before `end`
};

inline scan_result scan_line(const char* p, const char* const stop) {
  bool escape = false;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i esc = _mm_set1_epi8('\x1b');
  const __m128i low = _mm_set1_epi8(0x1b);
  while (stop - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // One test for the common block: no byte <= ESC (0x1b) at all, so no
    // line end and no escape. Only blocks that have one are looked at.
    const __m128i controls = _mm_cmpeq_epi8(_mm_min_epu8(v, low), v);
    if (_mm_movemask_epi8(controls) == 0) {
      p += 16;
      continue;
    }
    const unsigned ends = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr))));
    const unsigned escs =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, esc)));
    if (ends != 0) {
      const unsigned at = static_cast<unsigned>(__builtin_ctz(ends));
      escape |= (escs & ((1u << at) - 1)) != 0;
      return {p + at, escape};
    }
    escape |= escs != 0;
    p += 16;
  }
  for (; p != stop; ++p) {
    if (*p == '\n' || *p == '\r') return {p, escape};
    escape |= *p == '\x1b';
  }
  return {stop, escape};
#else
  const std::size_t n = static_cast<std::size_t>(stop - p);
  const void* nl = std::memchr(p, '\n', n);
  const char* end = nl ? static_cast<const char*>(nl) : stop;
  const void* cr = std::memchr(p, '\r', static_cast<std::size_t>(end - p));
  if (cr) end = static_cast<const char*>(cr);
  escape = std::memchr(p, '\x1b', static_cast<std::size_t>(end - p)) != nullptr;
  return {end, escape};
#endif
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_SCAN_H_

// The hot loop of stage 1: find the end of a line and, in the same pass,
// whether it holds an escape byte (so terminal-control stripping is skipped
// for the lines that have none). SSE2 tests 32 bytes at a time for any
// control byte (<= ESC, 0x1b); only the block that has one is looked at,
// control byte by control byte. Other CPUs use memchr; scan_line_bytewise
// is the reference the tests hold both to.
#ifndef APTPARSE_SRC_LINES_SCAN_H_
#define APTPARSE_SRC_LINES_SCAN_H_

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aptparse::detail {

struct scan_result {
  const char* end;  // the first '\n' or '\r' in the range, or its end
  bool escape;      // an ESC byte (0x1b) comes before `end`
  // line_end_scanner only, for end before the range's end: past the line
  // end ("\n", "\r\n", or a "\r" whose '\n' is beyond the range).
  const char* next = nullptr;
};

// The definition, a byte at a time.
inline scan_result scan_line_bytewise(const char* p, const char* const stop,
                                      bool escape = false) {
  for (; p != stop; ++p) {
    if (*p == '\n' || *p == '\r') return {p, escape};
    escape |= *p == '\x1b';
  }
  return {stop, escape};
}

#if defined(__SSE2__)
// Bit i is set iff p[i] <= ESC, for the 16 bytes at p. max(v, ESC) == ESC
// rather than min(v, ESC) == v: the loaded bytes are not needed twice, so
// SSE2's two-operand forms need no copy (nor a second load) of them.
inline unsigned control_bits(const char* p) noexcept {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i low = _mm_set1_epi8(0x1b);
  return static_cast<unsigned>(
      _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, low), low)));
}

// Walks the control bytes of a block (bit i: p[i]), in order: most blocks
// hold one, the line end. Returns nullptr if none of them ends the line.
inline const char* first_line_end(const char* p, std::uint32_t controls,
                                  bool& escape) noexcept {
  for (; controls != 0; controls &= controls - 1) {
    const char* c = p + __builtin_ctz(controls);
    if (*c == '\n' || *c == '\r') return c;
    escape |= *c == '\x1b';
  }
  return nullptr;
}
#endif

// `escape`: an ESC byte came before p (in the same line).
inline scan_result scan_line(const char* p, const char* const stop,
                             bool escape = false) {
#if defined(__SSE2__)
  const __m128i low = _mm_set1_epi8(0x1b);
  while (stop - p >= 32) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
    // One test for the common 32 bytes: no control byte at all.
    const __m128i any = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(a, low), low),
                                     _mm_cmpeq_epi8(_mm_max_epu8(b, low), low));
    if (_mm_movemask_epi8(any) != 0) {
      const std::uint32_t controls =
          control_bits(p) | (std::uint32_t{control_bits(p + 16)} << 16);
      if (const char* end = first_line_end(p, controls, escape))
        return {end, escape};
    }
    p += 32;
  }
  if (stop - p >= 16) {
    if (const char* end = first_line_end(p, control_bits(p), escape))
      return {end, escape};
    p += 16;
  }
  return scan_line_bytewise(p, stop, escape);
#else
  const std::size_t n = static_cast<std::size_t>(stop - p);
  const void* nl = std::memchr(p, '\n', n);
  const char* end = nl ? static_cast<const char*>(nl) : stop;
  const void* cr = std::memchr(p, '\r', static_cast<std::size_t>(end - p));
  if (cr) end = static_cast<const char*>(cr);
  escape |=
      std::memchr(p, '\x1b', static_cast<std::size_t>(end - p)) != nullptr;
  return {end, escape};
#endif
}

// Past the line end that r found in a range ending at stop ("\n", "\r\n",
// or a "\r" whose '\n' is beyond the range), for r.end before stop.
inline scan_result with_next(scan_result r, const char* stop) noexcept {
  r.next = r.end + 1;
  if (*r.end == '\r' && r.next != stop && *r.next == '\n') ++r.next;
  return r;
}

// The line ends of one chunk, line after line, 64 bytes at a time: apt's
// lines are 40-90 bytes long, so consecutive lines share one block's mask
// of control bytes instead of each loading its own 32-byte blocks from its
// first byte. next(p) gives what scan_line(p, stop) gives, and where the
// line after it starts, for p the start of the range or the `next` of the
// line end it gave last: the scanner clears each bit it passes, the line
// end's among them, so no mask is shifted per line; the last 63 bytes of
// the range go to scan_line.
class line_end_scanner {
 public:
  // The range [start, stop).
  line_end_scanner(const char* start, const char* stop) noexcept
      : block_end_(start),
        stop_(stop),
        last_block_(stop - start >= 64 ? address(stop - 64) : 0) {}

  scan_result next(const char* p) noexcept {
#if defined(__SSE2__)
    bool escape = false;
    // controls_ == 0: the bytes from p to the block's end hold no control
    // byte (at the first call and after scan_line's line ends, or a "\r\n"
    // across the block's end, p is at or past it).
    if (controls_ == 0 && p < block_end_) p = block_end_;
    for (;;) {
      if (controls_ == 0) {
        if (address(p) > last_block_) return tail(p, escape);
        block_end_ = p + 64;
        controls_ = control_bits64(p);
      }
      const char* const block = block_end_ - 64;
      for (; controls_ != 0; controls_ &= controls_ - 1) {
        const char* c = block + __builtin_ctzll(controls_);
        // A block's line end is before stop_: the caller's end-of-range
        // test folds away on this path.
        if (c == stop_) __builtin_unreachable();
        if (*c == '\n') {
          controls_ &= controls_ - 1;
          return {c, escape, c + 1};
        }
        if (*c == '\r') [[unlikely]] {
          controls_ &= controls_ - 1;
          if (c + 1 == stop_ || c[1] != '\n') return {c, escape, c + 1};
          controls_ &= controls_ - 1;  // the '\n', if in the block
          return {c, escape, c + 2};
        }
        escape |= *c == '\x1b';
      }
      p = block_end_;
    }
#else
    return tail(p, false);
#endif
  }

 private:
  // Past the last whole block (or without SSE2): scan_line.
  scan_result tail(const char* p, bool escape) const noexcept {
    const scan_result r = scan_line(p, stop_, escape);
    return r.end == stop_ ? r : with_next(r, stop_);
  }

#if defined(__SSE2__)
  // Bit i is set iff p[i] <= ESC, for the 64 bytes at p.
  static std::uint64_t control_bits64(const char* p) noexcept {
    return std::uint64_t{control_bits(p)} |
           (std::uint64_t{control_bits(p + 16)} << 16) |
           (std::uint64_t{control_bits(p + 32)} << 32) |
           (std::uint64_t{control_bits(p + 48)} << 48);
  }
  std::uint64_t controls_ = 0;  // the block's control bytes not yet passed
#endif
  static std::uintptr_t address(const char* p) noexcept {
    return reinterpret_cast<std::uintptr_t>(p);
  }

  // The end of the 64 bytes controls_ describes (SSE2 only).
  [[maybe_unused]] const char* block_end_;
  const char* stop_;
  // The address of the range's last whole block (0: none), so that "a
  // block fits at p" is one compare, not a subtraction and a compare.
  [[maybe_unused]] std::uintptr_t last_block_;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_SCAN_H_

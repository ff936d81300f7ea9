#include "classify/spaces.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aptparse::detail {
namespace {

// The length of the space character at s[i], or 0.
std::size_t space_at(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  if (b(0) == ' ' || b(0) == '\t') return 1;
  if (b(0) == 0xc2 && b(1) == 0xa0) return 2;  // U+00A0
  if (b(0) == 0xe2 && b(1) == 0x80 &&
      ((b(2) >= 0x80 && b(2) <= 0x8a) || b(2) == 0xaf))  // U+2000-200A, 202F
    return 3;
  if (b(0) == 0xe2 && b(1) == 0x81 && b(2) == 0x9f) return 3;  // U+205F
  if (b(0) == 0xe3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  return 0;
}

// The bytes that can start a space or "…": ' ', tab, and the lead bytes
// of U+00A0, U+2000-U+206F and U+3000.
bool may_start_space(char c) noexcept {
  const auto b = static_cast<unsigned char>(c);
  return b == ' ' || b == '\t' || b == 0xc2 || b == 0xe2 || b == 0xe3;
}

// Whether "…" (U+2026, e2 80 a6) starts at s[i]: three byte compares
// instead of a call to memcmp, at every run of other bytes.
bool ellipsis_at(std::string_view s, std::size_t i) noexcept {
  return i + 3 <= s.size() && s[i] == '\xe2' && s[i + 1] == '\x80' &&
         s[i + 2] == '\xa6';
}

// Whether s[i] starts what the normal form changes inside a line: a tab,
// a second space, another space character or "…".
bool needs_normalising_at(std::string_view s, std::size_t i) noexcept {
  if (!may_start_space(s[i])) return false;
  if (s[i] == ' ') return i + 1 < s.size() && s[i + 1] == ' ';
  return s[i] == '\t' || space_at(s, i) != 0 || ellipsis_at(s, i);
}

}  // namespace

bool may_need_spaces_normalised_bytewise(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (needs_normalising_at(s, i)) return true;
  return false;
}

bool may_need_spaces_normalised(std::string_view s) noexcept {
#if defined(__SSE2__)
  const std::size_t n = s.size();
  if (n >= 16) {
    const auto eq = [](__m128i v, char c) {
      return static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c))));
    };
    // The 16 bytes at `at`, from byte `from` of the block on.
    const auto block = [&](std::size_t at, unsigned from) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
      const unsigned spaces = eq(v, ' ');
      if (((spaces & (spaces >> 1)) >> from) != 0) return true;
      if ((eq(v, '\t') >> from) != 0) return true;
      // Lead bytes: most are other text (quotes, letters); look at each.
      unsigned leads = (eq(v, '\xc2') | eq(v, '\xe2') | eq(v, '\xe3')) >> from;
      for (; leads != 0; leads &= leads - 1)
        if (needs_normalising_at(s, at + from + __builtin_ctz(leads)))
          return true;
      return false;
    };
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      if (block(i, 0)) return true;
      // A pair across the blocks' edge.
      if (i + 16 < n && s[i + 15] == ' ' && s[i + 16] == ' ') return true;
    }
    if (i == n) return false;
    // The rest, in an overlapping last block.
    const std::size_t at = n - 16;
    return block(at, static_cast<unsigned>(i - at));
  }
#endif
  return may_need_spaces_normalised_bytewise(s);
}

void normalise_spaces_bytewise(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t n = space_at(s, i)) {
      pending_space = !out.empty();
      i += n;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (ellipsis_at(s, i)) {
      out += "...";
      i += 3;
      continue;
    }
    // Up to the next byte that may start a space or "…", copied whole.
    std::size_t end = i + 1;
    while (end < s.size() && !may_start_space(s[end])) ++end;
    out.append(s.data() + i, end - i);
    i = end;
  }
}

void normalise_spaces(std::string_view s, std::string& out) {
#if defined(__SSE2__)
  // The normal form is never longer than `s` (a space character has one
  // byte or more, "…" and "..." three), so the output up to byte i of `s`
  // fits in i bytes and a whole block of 16 is stored before its run's
  // length is known.
  const std::size_t n = s.size();
  out.resize(n);
  char* const begin = out.data();
  char* o = begin;
  bool pending_space = false;
  const auto flush = [&] {
    if (pending_space) *o++ = ' ';
    pending_space = false;
  };
  const auto eq = [](__m128i v, char c) {
    return static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c))));
  };
  for (std::size_t i = 0; i < n;) {
    if (i + 16 <= n) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      // The bytes that may start a space or "…" (may_start_space).
      const unsigned starts = eq(v, ' ') | eq(v, '\t') | eq(v, '\xc2') |
                              eq(v, '\xe2') | eq(v, '\xe3');
      const unsigned run = starts == 0 ? 16 : __builtin_ctz(starts);
      if (run != 0) {
        flush();
        _mm_storeu_si128(reinterpret_cast<__m128i*>(o), v);
        o += run;
        i += run;
        continue;
      }
    } else if (!may_start_space(s[i])) {  // the last bytes, one at a time
      flush();
      *o++ = s[i++];
      continue;
    }
    if (const std::size_t k = space_at(s, i)) {
      pending_space = o != begin;
      i += k;
      continue;
    }
    flush();
    if (ellipsis_at(s, i)) {
      std::memcpy(o, "...", 3);
      o += 3;
      i += 3;
      continue;
    }
    *o++ = s[i++];  // the lead byte of other text
  }
  out.resize(static_cast<std::size_t>(o - begin));
#else
  normalise_spaces_bytewise(s, out);
#endif
}

}  // namespace aptparse::detail

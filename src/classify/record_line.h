// The entries of a history.log action line ("Upgrade: a:amd64 (1, 2), ..."),
// tokenised from SSE2 block masks: a name's end and its ':' come from one
// 16-byte load, a group's ')' and its ", " from another, where the byte
// loops and eight-byte searches of parse_record_line_by_search (the
// reference, list_items.h) cost ~260 instructions an entry. Same entries,
// same fields, for every line: the tests hold the two to each other.
#ifndef APTPARSE_SRC_CLASSIFY_RECORD_LINE_H_
#define APTPARSE_SRC_CLASSIFY_RECORD_LINE_H_

#include <cstdint>
#include <cstring>
#include <string_view>

#include "classify/line_kind.h"
#include "classify/list_items.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aptparse::detail {

#if defined(__SSE2__)
namespace record_scan {

// Bit i: p[i] == c, for the 16 bytes at p (kept as a vector compare).
inline __m128i eq(__m128i v, char c) noexcept {
  return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
}
inline unsigned bits(__m128i m) noexcept {
  return static_cast<unsigned>(_mm_movemask_epi8(m));
}

// The 16 bytes at p, unaligned. The scans load whole blocks while 16
// bytes of the line remain, then its last 16 (`n >= 16`), their masks
// shifted past the bytes already searched: no byte loop, no read outside
// the line, and no per-block choice of where to load.
inline __m128i load(const char* p) noexcept {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// A name's end (first ' ' or '(' at or after `i`, or n) and its first ':'
// before that end (npos: none), relative to nothing: absolute indices.
struct name_span {
  std::size_t end, colon;
};
inline name_span scan_name(const char* p, std::size_t n,
                           std::size_t i) noexcept {
  std::size_t colon = std::string_view::npos;
  auto test = [&](__m128i v, unsigned shift, std::size_t at) {
    const unsigned stop = bits(_mm_or_si128(eq(v, ' '), eq(v, '('))) >> shift;
    const unsigned col = bits(eq(v, ':')) >> shift;
    const unsigned before = stop ? (stop & -stop) - 1 : ~0u;
    if (colon == std::string_view::npos && (col & before))
      colon = at + static_cast<unsigned>(__builtin_ctz(col & before));
    return stop;
  };
  for (; i + 16 <= n; i += 16)
    if (const unsigned stop = test(load(p + i), 0, i))
      return {i + static_cast<unsigned>(__builtin_ctz(stop)), colon};
  if (i < n)
    if (const unsigned stop = test(load(p + n - 16), i - (n - 16), i))
      return {i + static_cast<unsigned>(__builtin_ctz(stop)), colon};
  return {n, colon};
}

// A group opened at `open`: its first ')' (or n) and the first ", "
// inside it (npos: none), as absolute indices.
struct group_span {
  std::size_t close, comma;
};
inline group_span scan_group(const char* p, std::size_t n,
                             std::size_t open) noexcept {
  std::size_t comma = std::string_view::npos;
  auto test = [&](__m128i v, unsigned shift, std::size_t at) {
    const unsigned close = bits(eq(v, ')')) >> shift;
    unsigned commas = bits(eq(v, ',')) >> shift;
    if (close) commas &= (close & -close) - 1;
    // A ',' whose next byte is ' ' inside the group: before the ')' (never
    // ' '), and before the line's end when there is none.
    for (; comma == std::string_view::npos && commas != 0;
         commas &= commas - 1) {
      const std::size_t c = at + static_cast<unsigned>(__builtin_ctz(commas));
      if (c + 1 < n && p[c + 1] == ' ') comma = c;
    }
    return close;
  };
  std::size_t i = open + 1;
  for (; i + 16 <= n; i += 16)
    if (const unsigned close = test(load(p + i), 0, i))
      return {i + static_cast<unsigned>(__builtin_ctz(close)), comma};
  if (i < n)
    if (const unsigned close = test(load(p + n - 16), i - (n - 16), i))
      return {i + static_cast<unsigned>(__builtin_ctz(close)), comma};
  return {n, comma};
}

}  // namespace record_scan
#endif

// A record group's text (inside the parentheses) applied to `pkg`: "1.0-1",
// "1.0-1, automatic" or "1.0-1, 1.1-1", with its ", " already found (`comma`,
// an index into `inside`, npos: none). Both versions are written, so that a
// reused package needs no reset.
inline void apply_record_parts(package_ref& pkg, std::string_view inside,
                               std::size_t comma, std::uint8_t record_flags,
                               bool current) {
  // Spans built from pointers: the scans put the ", " inside the group, so
  // substr's range checks (and their throw paths) are dead code.
  std::string_view first = inside, second;
  if (comma != std::string_view::npos) {
    first = std::string_view(inside.data(), comma);
    second =
        std::string_view(inside.data() + comma + 2, inside.size() - comma - 2);
  }
  if (second.size() == 9 && std::memcmp(second.data(), "automatic", 9) == 0) {
    pkg.flags |= flag_automatic;
    second = {};
  }
  if (record_flags & record_purge) pkg.flags |= flag_purge;
  if (!second.empty()) {
    pkg.old_version = first;
    pkg.new_version = second;
  } else if (record_flags & record_reinstall) {
    pkg.old_version = pkg.new_version = first;
  } else if (current) {
    pkg.old_version = first;
    pkg.new_version = {};
  } else {
    pkg.old_version = {};
    pkg.new_version = first;
  }
}

// set_name for a record entry's name at p[0, size), its first ':' at
// `colon` (npos: none), without substr's range checks. Writes the arch
// fields either way, as a reused package needs.
inline void set_record_name(package_ref& pkg, const char* p, std::size_t size,
                            std::size_t colon) noexcept {
  if (pkg.set == pkg_set::to_remove && size != 0 && p[size - 1] == '*') {
    --size;
    pkg.flags |= flag_purge;
  }
  if (colon < size) {
    pkg.arch = std::string_view(p + colon + 1, size - colon - 1);
    pkg.arch_qualified = true;
    size = colon;
  } else {
    pkg.arch = {};
    pkg.arch_qualified = false;
  }
  pkg.name = std::string_view(p, size);
}

// Calls emit(const package_ref&) for each entry of a history.log action
// line, as parse_record_line_by_search does.
template <class Emit>
void parse_record_line(std::string_view text, const list_context& ctx,
                       std::uint8_t record_flags, Emit&& emit) {
#if defined(__SSE2__)
  const std::size_t n = text.size();
  if (n < 16) {
    parse_record_line_by_search(text, ctx, record_flags, emit);
    return;
  }
  const char* p = text.data();
  list_context entry = ctx;
  entry.reason = hold_reason::none;
  entry.flags |= flag_log_arch;
  // One package, its per-entry fields each written once for each entry
  // (a record line sets no origins, suite or note): cheaper than copying
  // it in or resetting them first.
  package_ref pkg = list_item(entry);
  const bool current = shows_current_version(pkg.set);
  std::size_t i = 0;
  while (i < n) {
    if (i + 1 < n && p[i] == ',' && p[i + 1] == ' ') i += 2;  // apt's ", "
    while (i < n && (p[i] == ' ' || p[i] == ',')) ++i;
    if (i >= n) break;
    const std::size_t start = i;
    const record_scan::name_span name = record_scan::scan_name(p, n, i);
    if (name.end == start) break;
    i = name.end;
    pkg.flags = entry.flags;
    set_record_name(
        pkg, p + start, i - start,
        name.colon == std::string_view::npos ? name.colon : name.colon - start);
    while (i < n && p[i] == ' ') ++i;
    if (i < n && p[i] == '(') {
      const record_scan::group_span g = record_scan::scan_group(p, n, i);
      apply_record_parts(
          pkg, std::string_view(p + i + 1, g.close - i - 1),
          g.comma == std::string_view::npos ? g.comma : g.comma - (i + 1),
          record_flags, current);
      i = g.close < n ? g.close + 1 : n;
    } else {
      pkg.old_version = pkg.new_version = {};
    }
    emit(static_cast<const package_ref&>(pkg));
  }
#else
  parse_record_line_by_search(text, ctx, record_flags, emit);
#endif
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_RECORD_LINE_H_

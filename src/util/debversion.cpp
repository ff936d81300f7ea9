#include "util/debversion.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/text.h"

namespace aptparse::detail {
namespace {

// The sort weight of one non-digit character: '~' before everything (even
// the end of the string), then the end, then letters, then the rest.
int order(char c) {
  if (is_digit(c)) return 0;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return c;
  if (c == '~') return -1;
  if (c != '\0') return static_cast<unsigned char>(c) + 256;
  return 0;
}

// Compares an upstream version or a revision (dpkg's verrevcmp).
int compare_part(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  auto at = [](std::string_view s, std::size_t k) {
    return k < s.size() ? s[k] : '\0';
  };
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !is_digit(a[i])) ||
           (j < b.size() && !is_digit(b[j]))) {
      int ac = order(at(a, i));
      int bc = order(at(b, j));
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (at(a, i) == '0') ++i;
    while (at(b, j) == '0') ++j;
    while (is_digit(at(a, i)) && is_digit(at(b, j))) {
      if (!first_diff) first_diff = at(a, i) - at(b, j);
      ++i;
      ++j;
    }
    if (is_digit(at(a, i))) return 1;
    if (is_digit(at(b, j))) return -1;
    if (first_diff) return first_diff;
  }
  return 0;
}

struct parts {
  unsigned long epoch = 0;
  std::string_view upstream;
  std::string_view revision;
};

// Inline loops, not find()/rfind(): versions are short, and a libc call
// per search cost more than the search (this runs for every Inst line).
parts split(std::string_view v) {
  parts p;
  std::size_t colon = 0;
  while (colon < v.size() && v[colon] != ':') ++colon;
  if (colon < v.size()) {
    for (std::size_t k = 0; k < colon; ++k)
      if (is_digit(v[k])) p.epoch = p.epoch * 10 + (v[k] - '0');
    v.remove_prefix(colon + 1);
  }
  std::size_t dash = v.size();
  while (dash > 0 && v[dash - 1] != '-') --dash;
  if (dash > 0) {
    p.revision = v.substr(dash);
    v = v.substr(0, dash - 1);
  }
  p.upstream = v;
  return p;
}

// compare_part(a, b) after skipping their common prefix, backed up to the
// start of a digit run (digits compare as a number; a common run of other
// characters compares equal wherever it is cut).
int compare_rest(std::string_view a, std::string_view b) {
  std::size_t p = 0;
  const std::size_t n = std::min(a.size(), b.size());
  while (p < n && a[p] == b[p]) ++p;
  if (p == a.size() && p == b.size()) return 0;  // equal parts
  while (p > 0 && is_digit(a[p - 1])) --p;
  return compare_part(a.substr(p), b.substr(p));
}

// The length of the common prefix of a and b, eight bytes at a time.
std::size_t common_prefix(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t p = 0;
  for (; p + 8 <= n; p += 8)
    if (const std::uint64_t diff =
            swar::load(a.data() + p) ^ swar::load(b.data() + p))
      return p + static_cast<std::size_t>(__builtin_ctzll(diff)) / 8;
  while (p < n && a[p] == b[p]) ++p;
  return p;
}

// False if s[from..] holds a ':'; else sets `dash` to the index of its
// last '-' (left unchanged if none). Eight bytes at a time.
bool no_colon_last_dash(std::string_view s, std::size_t from,
                        std::size_t& dash) {
  std::size_t k = from;
  for (; k + 8 <= s.size(); k += 8) {
    const std::uint64_t x = swar::load(s.data() + k);
    if (swar::exact_matches(x, ':') != 0) return false;
    if (const std::uint64_t d = swar::exact_matches(x, '-'))
      dash = k + static_cast<std::size_t>(63 - __builtin_clzll(d)) / 8;
  }
  for (; k < s.size(); ++k) {
    if (s[k] == ':') return false;
    if (s[k] == '-') dash = k;
  }
  return true;
}

// 1 if s[from..] holds a '-', -1 if it holds a ':', else 0. Eight bytes
// at a time, the last few by one overlapping load shifted past the bytes
// before `from` (only whether they occur matters, so swar::matches, whose
// false flags sit above real ones, will do). The early return keeps GCC
// from vectorising a loop that runs once or twice.
inline int dash_or_colon(std::string_view s, std::size_t k) {
  const std::size_t n = s.size();
  if (k >= n) return 0;
  std::uint64_t dash = 0;
  if (n >= 8) {
    for (; n - k > 8; k += 8) {
      const std::uint64_t x = swar::load(s.data() + k);
      if (swar::matches(x, ':')) return -1;
      dash |= swar::matches(x, '-');
    }
    const std::uint64_t x = swar::load(s.data() + n - 8) >> (8 * (k - (n - 8)));
    if (swar::matches(x, ':')) return -1;
    dash |= swar::matches(x, '-');
  } else {
    for (; k < n; ++k) {
      if (s[k] == ':') return -1;
      dash |= s[k] == '-';
    }
  }
  return dash != 0;
}

// The order of two digit runs as numbers (leading zeros do not count).
int number_order(std::string_view a, std::string_view b) {
  while (!a.empty() && a.front() == '0') a.remove_prefix(1);
  while (!b.empty() && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k] != b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

// The common case, decided without splitting: after the shared prefix p
// both versions go on with a digit run (backed up to its start), the runs
// differ as numbers, and each rest after its run holds no ':' (same epoch)
// and either both a '-' (the runs are in both upstreams) or neither (both
// in the same part: the last '-' is in the prefix or nowhere). The runs
// then order the versions. Returns 0 when they do not decide.
int digit_run_order(std::string_view a, std::string_view b, std::size_t p) {
  std::size_t q = p;
  while (q > 0 && is_digit(a[q - 1])) --q;
  std::size_t i = p, j = p;
  while (i < a.size() && is_digit(a[i])) ++i;
  while (j < b.size() && is_digit(b[j])) ++j;
  if (i == q || j == q) return 0;  // not a digit run in both
  int c;
  if (a[q] != '0' && b[q] != '0') {
    // No leading zeros: the longer run is the larger number; of two as
    // long, the first digit that differs (at p) decides.
    if (i != j)
      c = i < j ? -1 : 1;
    else if (i == p)
      return 0;  // the same run
    else
      c = a[p] < b[p] ? -1 : 1;
  } else {
    c = number_order(a.substr(q, i - q), b.substr(q, j - q));
    if (c == 0) return 0;
  }
  const int ra = dash_or_colon(a, i);
  if (ra < 0 || ra != dash_or_colon(b, j)) return 0;
  return c;
}

#if defined(__SSE2__)
// The n <= 16 bytes at s, zeros after them, read without a byte past them.
__m128i load_short(const char* s, std::size_t n) {
  std::uint64_t lo = 0, hi = 0;
  if (n > 8) {
    lo = swar::load(s);
    hi = swar::load(s + n - 8) >> (8 * (16 - n));
  } else if (n >= 4) {
    lo = swar::load<std::uint32_t>(s) |
         (std::uint64_t{swar::load<std::uint32_t>(s + n - 4)} << (8 * (n - 4)));
  } else {
    for (std::size_t k = 0; k < n; ++k)
      lo |= std::uint64_t{static_cast<unsigned char>(s[k])} << (8 * k);
  }
  return _mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo));
}

// A version of at most 16 bytes (kWide: 32) in one vector (two), zeros
// after its bytes, none read past them; its byte masks, bit k for byte k.
template <bool kWide>
struct version_bytes {
  using mask = std::conditional_t<kWide, std::uint64_t, unsigned>;
  static constexpr int kBits = kWide ? 64 : 32;
  __m128i lo, hi;

  version_bytes(const char* s, std::size_t n) {
    if (kWide && n > 16) {
      lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
      hi = load_short(s + 16, n - 16);
    } else {
      lo = load_short(s, n);
      hi = _mm_setzero_si128();
    }
  }
  // The bits of two compares' bytes, one of each half (the high half's
  // only when kWide).
  static mask combine(__m128i lo_cmp, __m128i hi_cmp) {
    mask m = static_cast<unsigned>(_mm_movemask_epi8(lo_cmp));
    if constexpr (kWide)
      m |= mask{static_cast<unsigned>(_mm_movemask_epi8(hi_cmp))} << 16;
    return m;
  }
  // The bits of f's compare of each half.
  template <class F>
  mask bits(F f) const {
    return combine(f(lo), f(hi));
  }
  mask bytes_of(char c) const {
    return bits([c](__m128i v) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); });
  }
  // Bytes in '0'..'9', as signed compares after a shift.
  mask digits() const {
    return bits([](__m128i v) {
      const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0' - 128));
      return _mm_cmplt_epi8(d, _mm_set1_epi8(static_cast<char>(-128 + 10)));
    });
  }
  mask same_as(const version_bytes& o) const {
    return combine(_mm_cmpeq_epi8(lo, o.lo), _mm_cmpeq_epi8(hi, o.hi));
  }
};

// The order of versions of at most 16 bytes (kWide: 32) from one load
// (two) of each: the shared prefix, the digit runs and the rests' ':' and
// '-' are bit scans. Sets p, the shared prefix's length, and returns 0
// where it does not decide (compare_after_prefix then does). It decides
// where p is in the same part of both (no ':' from p on, so one epoch; a
// '-' before p only if both or neither go on to another '-') and either
// - digit runs meet at p (backed up to their start) with no leading zero
//   but a lone "0": the longer run, or the digit at p, decides; or
// - the runs (if any) end at p, or the prefix ends in a non-digit, and the
//   bytes at p (the end sorting as 0) are not '-' and differ in order().
template <bool kWide>
int short_order(std::string_view a, std::string_view b, std::size_t& p) {
  using bytes = version_bytes<kWide>;
  using mask = typename bytes::mask;
  const std::size_t na = a.size(), nb = b.size();
  const bytes va(a.data(), na), vb(b.data(), nb);
  const mask in_a = (mask{1} << na) - 1, in_b = (mask{1} << nb) - 1;
  const mask differ = ~va.same_as(vb) & in_a & in_b;
  p = differ != 0 ? static_cast<std::size_t>(std::countr_zero(differ))
                  : std::min(na, nb);
  const mask below = (mask{1} << p) - 1;
  const mask rest_a = in_a & ~below, rest_b = in_b & ~below;
  if (((va.bytes_of(':') & rest_a) | (vb.bytes_of(':') & rest_b)) != 0)
    return 0;  // an epoch after the prefix
  const mask dash_a = va.bytes_of('-'), dash_b = vb.bytes_of('-');
  if ((dash_a & below) != 0 &&
      ((dash_a & rest_a) != 0) != ((dash_b & rest_b) != 0))
    return 0;  // p in the revision of one, the upstream of the other
  const mask da = va.digits() & in_a, db = vb.digits() & in_b;
  // The run's start: after the last non-digit below p (the prefix is
  // shared, so a's bits tell it for both).
  const mask other_below = ~da & below;
  const std::size_t q = other_below != 0
                            ? static_cast<std::size_t>(
                                  bytes::kBits - std::countl_zero(other_below))
                            : 0;
  const auto i = static_cast<std::size_t>(std::countr_zero(~(da | below)));
  const auto j = static_cast<std::size_t>(std::countr_zero(~(db | below)));
  if (i != q && j != q && !(i == p && j == p)) {  // runs that differ
    if ((a[q] == '0' && i - q > 1) || (b[q] == '0' && j - q > 1)) return 0;
    if (i != j) return i < j ? -1 : 1;
    return a[p] < b[p] ? -1 : 1;
  }
  const char ca = p < na ? a[p] : '\0', cb = p < nb ? b[p] : '\0';
  if (ca == '-' || cb == '-') return 0;  // a part's end in one only
  const int oa = order(ca), ob = order(cb);
  if (oa == ob) return 0;  // a digit against the end, or equal versions
  return oa < ob ? -1 : 1;
}
#endif

// compare_versions after the shared prefix p, out of line: the short
// versions' mask path returns without this frame.
[[gnu::noinline]] int compare_after_prefix(std::string_view a,
                                           std::string_view b, std::size_t p) {
  if (p == a.size() && p == b.size()) return 0;  // equal
  if (const int c = digit_run_order(a, b, p); c != 0) return c;
  std::size_t dash_a = std::string_view::npos, dash_b = dash_a;
  auto scan_rest = [p](std::string_view s, std::size_t& dash) {
    return no_colon_last_dash(s, p, dash);
  };
  if (scan_rest(a, dash_a) && scan_rest(b, dash_b)) {
    std::size_t q = p;
    while (q > 0 && is_digit(a[q - 1])) --q;  // never past a ':' or '-'
    if (dash_a == std::string_view::npos && dash_b == std::string_view::npos)
      // Both last dashes (if any) are in the prefix, at the same place:
      // the rests are the ends of the same part.
      return compare_part(a.substr(q), b.substr(q));
    if (dash_a != std::string_view::npos && dash_b != std::string_view::npos) {
      // Both revisions start after the prefix: compare the upstreams'
      // ends, then the revisions.
      if (int c =
              compare_part(a.substr(q, dash_a - q), b.substr(q, dash_b - q));
          c != 0)
        return c;
      return compare_rest(a.substr(dash_a + 1), b.substr(dash_b + 1));
    }
  }
  const parts pa = split(a), pb = split(b);
  if (pa.epoch != pb.epoch) return pa.epoch < pb.epoch ? -1 : 1;
  if (int c = compare_rest(pa.upstream, pb.upstream); c != 0) return c;
  return compare_rest(pa.revision, pb.revision);
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) noexcept {
  // Two versions of one package share a long prefix; the parts only need
  // finding after it. ':' there means different epoch spellings (the slow
  // path); a ':' in the prefix is the same epoch for both.
#if defined(__SSE2__)
  std::size_t p;
  if (a.size() <= 16 && b.size() <= 16) {
    if (const int c = short_order<false>(a, b, p); c != 0) return c;
    return compare_after_prefix(a, b, p);
  }
  if (a.size() <= 32 && b.size() <= 32) {
    if (const int c = short_order<true>(a, b, p); c != 0) return c;
    return compare_after_prefix(a, b, p);
  }
#endif
  return compare_after_prefix(a, b, common_prefix(a, b));
}

}  // namespace aptparse::detail

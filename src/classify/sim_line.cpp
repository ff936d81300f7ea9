#include "classify/sim_line.h"

#include <algorithm>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "classify/byte_find.h"
#include "classify/list_items.h"
#include "classify/version_change.h"

namespace aptparse::detail {
namespace {

// group.rfind('['): the arch is the group's last few bytes ("... [amd64"),
// so the last eight bytes, as one load, most often hold it.
std::size_t last_open_bracket(std::string_view group) {
  if (group.size() >= 8) {
    const std::size_t back = group.size() - 8;
    if (const std::uint64_t m =
            swar::exact_matches(swar::load(group.data() + back), '['))
      return back + static_cast<std::size_t>(63 - __builtin_clzll(m)) / 8;
  }
  return group.rfind('[');
}

// The name's end (the first ' ', or rest.size()) and its first ':' (or
// its end). A name that ends within the first 16 bytes, as most do, gets
// both from one load, one within 32 from two: set_name's own ':' search
// cost ~25 a line, and the byte search for a longer name ~40.
struct name_span {
  std::size_t end;
  std::size_t colon;
};
name_span name_of(std::string_view rest) {
#if defined(__SSE2__)
  if (rest.size() >= 16) {
    // The bits of byte c in the 16 bytes at `at`.
    const auto hits = [&rest](std::size_t at, char c) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(rest.data() + at));
      return static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c))));
    };
    unsigned sp = hits(0, ' ');
    unsigned colons = hits(0, ':');
    if (sp == 0 && rest.size() >= 32) {
      sp = hits(16, ' ') << 16;
      colons |= hits(16, ':') << 16;
    }
    if (sp != 0) {
      const unsigned end = static_cast<unsigned>(__builtin_ctz(sp));
      colons &= sp - 1;  // bits below the ' '
      return {end,
              colons != 0 ? static_cast<unsigned>(__builtin_ctz(colons)) : end};
    }
  }
#endif
  const std::size_t end = find_byte<' '>(rest, 0);
  return {end,
          std::min(find_short<':'>(std::string_view(rest.data(), end)), end)};
}

}  // namespace

sim_fields sim_fields_of(std::string_view rest) noexcept {
  sim_fields out;
  const std::size_t n = rest.size();
  const char* p = rest.data();
  // Views made from positions the searches give, all within the line: the
  // bounds checks of substr cost ~25 instructions a line.
  const auto view = [p](std::size_t from, std::size_t to) {
    return std::string_view(p + from, to - from);
  };
  const name_span name = name_of(rest);
  std::size_t i = name.end;
  out.name = view(0, i);
  out.colon = name.colon;
  if (i == 0 || i == n) return out;
  ++i;
  if (i < n && p[i] == '[') {
    const std::size_t close = find_byte<']'>(rest, i + 1);
    out.current = view(i + 1, close);
    if (close == n) return out;
    i = close + 1;
    if (i < n && p[i] == ' ') ++i;
  }
  if (i >= n || p[i] != '(') return out;
  ++i;
  // "candidate origins [arch])": the group ends at the first "])".
  std::size_t end = find_byte<']'>(rest, i);
  while (end != n && (end + 1 == n || p[end + 1] != ')'))
    end = find_byte<']'>(rest, end + 1);
  std::string_view group = view(i, end);
  const std::size_t sp = find_byte<' '>(group, 0);
  out.candidate = view(i, i + sp);
  if (sp == group.size()) return out;
  group = view(i + sp + 1, end);
  if (end != n) {
    const std::size_t open = last_open_bracket(group);
    if (open != std::string_view::npos) {
      out.arch =
          std::string_view(group.data() + open + 1, group.size() - (open + 1));
      group = std::string_view(group.data(), open);
    }
  }
  while (!group.empty() && group.back() == ' ') group.remove_suffix(1);
  out.origins = group;
  return out;
}

package_ref removal_package(const sim_fields& f, bool purge) noexcept {
  package_ref pkg;
  pkg.set = pkg_set::to_remove;
  set_name(pkg, f.name, f.colon);
  pkg.old_version = f.current;
  pkg.flags |= flag_simulated;
  if (purge) pkg.flags |= flag_purge;
  return pkg;
}

}  // namespace aptparse::detail

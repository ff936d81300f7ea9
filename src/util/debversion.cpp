#include "util/debversion.h"

#include <algorithm>

namespace aptparse::detail {
namespace {

// The sort weight of one non-digit character: '~' before everything (even
// the end of the string), then the end, then letters, then the rest.
int order(char c) {
  if (c >= '0' && c <= '9') return 0;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return c;
  if (c == '~') return -1;
  if (c != '\0') return static_cast<unsigned char>(c) + 256;
  return 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

parts split(std::string_view v) {
  parts p;
  if (std::size_t colon = v.find(':'); colon != std::string_view::npos) {
    for (char c : v.substr(0, colon))
      if (is_digit(c)) p.epoch = p.epoch * 10 + (c - '0');
    v.remove_prefix(colon + 1);
  }
  if (std::size_t dash = v.rfind('-'); dash != std::string_view::npos) {
    p.revision = v.substr(dash + 1);
    v = v.substr(0, dash);
  }
  p.upstream = v;
  return p;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) noexcept {
  if (a == b) return 0;
  // Fast path for the common case, two versions of one package: skip their
  // common prefix (backing up to the start of a digit run, which compares
  // as a number). If neither rest holds ':' or '-', the epochs and the
  // upstream/revision split are the same, and comparing the rests with
  // dpkg's algorithm gives the answer for the whole.
  std::size_t p = 0;
  const std::size_t n = std::min(a.size(), b.size());
  while (p < n && a[p] == b[p]) ++p;
  while (p > 0 && is_digit(a[p - 1])) --p;
  const std::string_view ra = a.substr(p), rb = b.substr(p);
  auto plain = [](std::string_view s) {
    for (char c : s)
      if (c == ':' || c == '-') return false;
    return true;
  };
  if (plain(ra) && plain(rb)) return compare_part(ra, rb);
  parts pa = split(a), pb = split(b);
  if (pa.epoch != pb.epoch) return pa.epoch < pb.epoch ? -1 : 1;
  if (int c = compare_part(pa.upstream, pb.upstream); c != 0) return c;
  return compare_part(pa.revision, pb.revision);
}

}  // namespace aptparse::detail

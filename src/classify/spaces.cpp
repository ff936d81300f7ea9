#include "classify/spaces.h"

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

}  // namespace

bool may_need_spaces_normalised(std::string_view s) noexcept {
  char prev = 0;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\t' ||
        (c == ' ' && prev == ' '))
      return true;
    prev = c;
  }
  return false;
}

void normalise_spaces(std::string_view s, std::string& out) {
  out.clear();
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t n = space_at(s, i)) {
      pending_space = !out.empty();
      i += n;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (s.compare(i, 3, "\u2026") == 0) {
      out += "...";
      i += 3;
      continue;
    }
    out += s[i++];
  }
}

}  // namespace aptparse::detail

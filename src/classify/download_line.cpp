#include "classify/download_line.h"

#include <array>

#include "util/text.h"

namespace aptparse::detail {
namespace {

// Bytes below '!': every is_space byte and the other controls.
struct below_bang_test {
  static std::uint64_t any(std::uint64_t x) noexcept {
    return (x - swar::kOnes * 0x21) & ~x & swar::kHighs;
  }
  static std::uint64_t exact(std::uint64_t x) noexcept {
    constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
    return ~(((x & low7) + swar::kOnes * (0x80 - 0x21)) | x) & swar::kHighs;
  }
  static bool one(char c) noexcept {
    return static_cast<unsigned char>(c) < 0x21;
  }
};

// The index of the first is_space byte of s, or s.size(), eight bytes at a
// time: a Get line's URI runs to 30-60 bytes, and the byte loop over the
// fields was the costliest part of a download line.
std::size_t field_end(std::string_view s) noexcept {
  std::size_t i = find_flagged<below_bang_test>(s, 0);
  while (i < s.size() && !is_space(s[i]))  // a control that is no space
    i = find_flagged<below_bang_test>(s, i + 1);
  return i;
}

}  // namespace

bool parse_download(std::string_view description,
                    download_fields& out) noexcept {
  // URI, suite/component, index arch, name, arch, version.
  std::array<std::string_view, 6> field;
  std::string_view rest = trim(description);
  for (std::string_view& f : field) {
    const std::size_t end = field_end(rest);
    f = rest.substr(0, end);
    rest = trim_left(rest.substr(end));
    if (f.empty() || f.front() == '[') return false;  // "[151 kB]": an index
  }
  const std::size_t slash = field[1].find('/');
  if (slash == 0 || slash == std::string_view::npos) return false;
  out.suite = field[1].substr(0, slash);
  out.name = field[3];
  out.arch = field[4];
  out.version = field[5];
  return true;
}

}  // namespace aptparse::detail

#include "util/size.h"

#include <cmath>
#include <cstdint>

namespace aptparse::detail {
namespace {

// The power of 1000 of apt's unit letters ("kMGTPEZY"), 0 for any other
// byte: a switch, where strchr was a libc call for each byte of " kB".
int unit_power(char c) noexcept {
  switch (c) {
    case 'k':
      return 1;
    case 'M':
      return 2;
    case 'G':
      return 3;
    case 'T':
      return 4;
    case 'P':
      return 5;
    case 'E':
      return 6;
    case 'Z':
      return 7;
    case 'Y':
      return 8;
    default:
      return 0;
  }
}

// std::pow(1000.0, k): exact up to 1e21, as pow returns an exactly
// representable result; 1e24 is not, but any value it scales is 0 or
// over the 1.8e19 bound either way. pow was ~100 instructions a size.
constexpr double kPowers[] = {1.0, 1e3, 1e6, 1e9, 1e12, 1e15, 1e18, 1e21, 1e24};

// static_cast<std::uint64_t>(std::llround(v)) for 0 <= v < 1.8e19, below
// 2^53 without the libm call: there the fraction v - trunc(v) is exact, and
// half rounds up (away from zero). Larger values keep llround, whose result
// over 2^63 the cast has always read.
std::uint64_t round_half_up(double v) noexcept {
  if (v >= 9007199254740992.0)
    return static_cast<std::uint64_t>(std::llround(v));
  const auto whole = static_cast<std::uint64_t>(v);
  return whole + (v - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}

}  // namespace

std::optional<std::uint64_t> parse_size(std::string_view text) noexcept {
  // Find the unit: the last ASCII letter, if it is one of apt's units.
  int power = 0;
  std::size_t end = text.size();
  while (end > 0 && !(text[end - 1] >= '0' && text[end - 1] <= '9')) {
    if (const int p = unit_power(text[end - 1]); p != 0) power = p;
    --end;
  }
  double integer = 0;
  int digits = 0;
  int digits_after_mark = -1;  // digits since the last mark, -1: no mark
  for (std::size_t i = 0; i < end; ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      integer = integer * 10 + (c - '0');
      ++digits;
      if (digits_after_mark >= 0) ++digits_after_mark;
    } else if (digits > 0) {
      digits_after_mark = 0;  // a grouping or decimal mark
    }
  }
  if (digits == 0 || digits > 19) return std::nullopt;
  double value = integer;
  if (digits_after_mark == 1) value /= 10;  // "19,7": one decimal digit
  value *= kPowers[power];
  if (value >= 1.8e19) return std::nullopt;
  return round_half_up(value);
}

}  // namespace aptparse::detail

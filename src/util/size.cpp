#include "util/size.h"

#include <cmath>
#include <cstring>

namespace aptparse::detail {

std::optional<std::uint64_t> parse_size(std::string_view text) noexcept {
  static constexpr char kUnits[] = "kMGTPEZY";
  // Find the unit: the last ASCII letter, if it is one of apt's units.
  int power = 0;
  std::size_t end = text.size();
  while (end > 0 && !(text[end - 1] >= '0' && text[end - 1] <= '9')) {
    char c = text[end - 1];
    if (const char* u = std::strchr(kUnits, c); u != nullptr && c != '\0')
      power = static_cast<int>(u - kUnits) + 1;
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
  value *= std::pow(1000.0, power);
  if (value >= 1.8e19) return std::nullopt;
  return static_cast<std::uint64_t>(std::llround(value));
}

}  // namespace aptparse::detail

#include "util/time_zone.h"

namespace aptparse::detail {
namespace {

// "+HH:MM" or "-HH:MM" (hours 00-23, minutes 00-59), in seconds east.
std::optional<int> parse_fixed_offset(std::string_view s) {
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
    return std::nullopt;
  auto two = [&](std::size_t at) {
    const char a = s[at], b = s[at + 1];
    return a >= '0' && a <= '9' && b >= '0' && b <= '9'
               ? (a - '0') * 10 + (b - '0')
               : -1;
  };
  const int h = two(1), m = two(4);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  const int secs = h * 3600 + m * 60;
  return s[0] == '-' ? -secs : secs;
}

}  // namespace

struct time_zone::rules {};

std::optional<time_zone> time_zone::find(std::string_view name) {
  time_zone z;
  if (name == "UTC" || name == "Z") return z;
  if (auto fixed = parse_fixed_offset(name)) {
    z.fixed_ = *fixed;
    return z;
  }
  return std::nullopt;
}

int time_zone::offset_of_local(const civil_time&) const { return fixed_; }

std::string format_utc_offset(int seconds) {
  std::string out(1, seconds < 0 ? '-' : '+');
  const int a = seconds < 0 ? -seconds : seconds;
  auto put2 = [&](int v) {
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
  };
  put2(a / 3600);
  out += ':';
  put2(a / 60 % 60);
  if (a % 60 != 0) {
    out += ':';
    put2(a % 60);
  }
  return out;
}

}  // namespace aptparse::detail

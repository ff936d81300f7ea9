#include "util/log_time.h"

namespace aptparse::detail {
namespace {

bool is_leap(int y) noexcept {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at s[at]; advances `at`. -1 if they are not.
int digits(std::string_view s, std::size_t& at, std::size_t n) noexcept {
  if (s.size() < at + n) return -1;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[at + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  at += n;
  return v;
}

bool take(std::string_view s, std::size_t& at, char c) noexcept {
  if (at >= s.size() || s[at] != c) return false;
  ++at;
  return true;
}

void put2(char* out, int v) noexcept {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

std::optional<civil_time> parse_log_time(std::string_view s) noexcept {
  civil_time t;
  std::size_t at = 0;
  t.year = digits(s, at, 4);
  if (t.year < 0 || !take(s, at, '-')) return std::nullopt;
  t.month = digits(s, at, 2);
  if (!take(s, at, '-')) return std::nullopt;
  t.day = digits(s, at, 2);
  if (!take(s, at, 'T')) {
    const std::size_t spaces = at;
    while (at < s.size() && s[at] == ' ') ++at;
    if (at == spaces) return std::nullopt;
  }
  t.hour = digits(s, at, 2);
  if (!take(s, at, ':')) return std::nullopt;
  t.minute = digits(s, at, 2);
  if (!take(s, at, ':')) return std::nullopt;
  t.second = digits(s, at, 2);
  if (at != s.size()) return std::nullopt;
  if (t.month < 1 || t.month > 12 || t.day < 1 ||
      t.day > days_in_month(t.year, t.month) || t.hour < 0 || t.hour > 23 ||
      t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60)
    return std::nullopt;
  return t;
}

void format_iso_time(const civil_time& t, char* out) noexcept {
  put2(out, t.year / 100);
  put2(out + 2, t.year % 100);
  out[4] = '-';
  put2(out + 5, t.month);
  out[7] = '-';
  put2(out + 8, t.day);
  out[10] = 'T';
  put2(out + 11, t.hour);
  out[13] = ':';
  put2(out + 14, t.minute);
  out[16] = ':';
  put2(out + 17, t.second);
}

// Howard Hinnant's days_from_civil (public domain algorithm).
std::int64_t days_from_civil(int year, int month, int day) noexcept {
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::int64_t seconds_since_epoch(const civil_time& t) noexcept {
  return days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 +
         t.minute * 60 + t.second;
}

}  // namespace aptparse::detail

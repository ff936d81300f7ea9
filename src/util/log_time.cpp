#include "util/log_time.h"

#include <cstring>

#include "util/text.h"

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

// The two digits at p as a number, or -1 if they are not two digits.
int two_digits(const char* p) noexcept {
  const unsigned hi = static_cast<unsigned char>(p[0]) - '0';
  const unsigned lo = static_cast<unsigned char>(p[1]) - '0';
  return hi < 10 && lo < 10 ? static_cast<int>(hi * 10 + lo) : -1;
}

void put2(char* out, int v) noexcept {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

// What may lie between date and time: one 'T' or spaces. apt's two spaces
// (and ISO's one byte) are tested directly: the general search cost more
// than the rest of the parse.
bool date_time_gap(std::string_view between) noexcept {
  if (between.size() == 2) return between[0] == ' ' && between[1] == ' ';
  if (between.size() == 1) return between[0] == ' ' || between[0] == 'T';
  return between.find_first_not_of(' ') == std::string_view::npos;
}

}  // namespace

// The date sits at [0, 10) and the time at [size - 8, size); what lies
// between must be one 'T' or spaces. Fixed offsets let every field be read
// without a bounds check: this runs for every Start-Date and End-Date.
std::optional<civil_time> parse_log_time_by_fields(
    std::string_view s) noexcept {
  constexpr std::size_t date = 10, time = 8;
  if (s.size() < date + 1 + time) return std::nullopt;
  const char* d = s.data();
  const char* h = d + s.size() - time;
  if (!date_time_gap(s.substr(date, s.size() - date - time)))
    return std::nullopt;
  if (d[4] != '-' || d[7] != '-' || h[2] != ':' || h[5] != ':')
    return std::nullopt;
  const int century = two_digits(d), year = two_digits(d + 2);
  civil_time t;
  t.month = two_digits(d + 5);
  t.day = two_digits(d + 8);
  t.hour = two_digits(h);
  t.minute = two_digits(h + 3);
  t.second = two_digits(h + 6);
  if (century < 0 || year < 0) return std::nullopt;
  t.year = century * 100 + year;
  if (t.month < 1 || t.month > 12 || t.day < 1 ||
      t.day > days_in_month(t.year, t.month) || t.hour < 0 || t.hour > 23 ||
      t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60)
    return std::nullopt;
  return t;
}

namespace {

// "NN?NN?NN" at p, `sep` at '?': its three numbers into a, b, c. One
// eight-byte load: each byte XOR its template byte ('0' or `sep`) is 0-9
// where a digit belongs and 0 where `sep` belongs, and no other byte
// passes (a high nibble, a value above 9, a non-zero separator). A
// carry out of a failing byte can only fail its neighbour as well.
bool three_pairs(const char* p, char sep, int& a, int& b, int& c) noexcept {
  constexpr std::uint64_t zeros = swar::kOnes * '0';
  constexpr std::uint64_t seps = 0x0000ff0000ff0000ull;  // bytes 2 and 5
  const std::uint64_t tmpl =
      (zeros & ~seps) |
      (seps & (swar::kOnes * static_cast<unsigned char>(sep)));
  const std::uint64_t t = swar::load(p) ^ tmpl;
  const std::uint64_t bad = (t & (swar::kOnes * 0xf0)) |
                            ((t + swar::kOnes * 6) & (swar::kOnes * 0x10)) |
                            (t & seps);
  if (bad != 0) return false;
  // Byte k of `pairs`: 10 * digit k + digit k + 1 (at most 99: no carry).
  const std::uint64_t pairs = t * 10 + (t >> 8);
  a = static_cast<int>(pairs & 0xff);
  b = static_cast<int>((pairs >> 24) & 0xff);
  c = static_cast<int>((pairs >> 48) & 0xff);
  return true;
}

// apt's layout read by fixed loads: "CC" by two_digits, "YY-MM-DD" and
// "HH:MM:SS" by one eight-byte test each; the general parse takes what
// does not fit. Fills `t` and says whether the time is valid; both entry
// points below are this, so they accept the same texts.
[[gnu::always_inline]] inline bool read_log_time(std::string_view s,
                                                 civil_time& t) noexcept {
  constexpr std::size_t date = 10, time = 8;
  if (s.size() < date + 1 + time) return false;
  if (!date_time_gap(s.substr(date, s.size() - date - time))) return false;
  const char* d = s.data();
  const int century = two_digits(d);
  int year = 0;
  if (century < 0 || !three_pairs(d + 2, '-', year, t.month, t.day) ||
      !three_pairs(d + s.size() - time, ':', t.hour, t.minute, t.second))
    return false;
  t.year = century * 100 + year;
  // Every month has 28 days: the calendar (a leap-year test) only for
  // the month's last days.
  return !(t.month < 1 || t.month > 12 || t.day < 1 ||
           (t.day > 28 && t.day > days_in_month(t.year, t.month)) ||
           t.hour > 23 || t.minute > 59 || t.second > 60);
}

}  // namespace

std::optional<civil_time> parse_log_time(std::string_view s) noexcept {
  civil_time t;
  if (!read_log_time(s, t)) return std::nullopt;
  return t;
}

// The fields are dead here: GCC drops their stores and the optional's.
bool is_log_time(std::string_view s) noexcept {
  civil_time t;
  return read_log_time(s, t);
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

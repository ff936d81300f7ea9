// IANA zones are read from the system's compiled zoneinfo (TZif, RFC 8536):
// GCC 12's libstdc++ has no std::chrono::locate_zone, and glibc's
// localtime_r() works only in the process-wide zone of $TZ, which a library
// must not change under other threads. A TZif file is a sorted list of
// transitions (UTC instant -> offset) and, for instants after the last one,
// a POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3") that this file evaluates.
#include "util/time_zone.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "aptparse/options.h"

namespace aptparse {

bool timezone_known(std::string_view name) {
  return detail::time_zone::find(name).has_value();
}

}  // namespace aptparse

namespace aptparse::detail {
namespace {

constexpr std::int64_t kDay = 86400;

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

// A date rule of a POSIX TZ string: "Jn" (day n of 365, no Feb 29), "n"
// (day n from 0, counting Feb 29) or "Mm.w.d" (weekday d of week w of
// month m, w 5 = the last), at `time` seconds after local midnight.
struct date_rule {
  char kind = 'M';  // 'J', 'n' or 'M'
  int a = 0, b = 0, c = 0;
  std::int64_t time = 7200;
};

// A POSIX TZ string: the standard offset and, with DST, its offset and
// the rules of its start and end. Offsets in seconds east of UTC.
struct posix_rule {
  int std_offset = 0;
  bool has_dst = false;
  int dst_offset = 0;
  date_rule start, end;
};

// Reads POSIX TZ strings (the footer of a TZif file).
class posix_reader {
 public:
  explicit posix_reader(std::string_view s) : s_(s) {}

  std::optional<posix_rule> read() {
    posix_rule r;
    std::int64_t off = 0;
    if (!name() || !hms(off, true)) return std::nullopt;
    r.std_offset = static_cast<int>(-off);  // POSIX counts west
    if (at_ == s_.size()) return r;
    if (!name()) return std::nullopt;
    r.has_dst = true;
    r.dst_offset = r.std_offset + 3600;
    if (at_ < s_.size() && s_[at_] != ',') {
      if (!hms(off, true)) return std::nullopt;
      r.dst_offset = static_cast<int>(-off);
    }
    if (!take(',') || !rule(r.start) || !take(',') || !rule(r.end) ||
        at_ != s_.size())
      return std::nullopt;
    return r;
  }

 private:
  bool take(char c) {
    if (at_ >= s_.size() || s_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool name() {
    const std::size_t from = at_;
    if (take('<')) {
      while (at_ < s_.size() && s_[at_] != '>') ++at_;
      return take('>') && at_ - from >= 5;
    }
    while (at_ < s_.size() &&
           ((s_[at_] | 0x20) >= 'a' && (s_[at_] | 0x20) <= 'z'))
      ++at_;
    return at_ - from >= 3;
  }
  bool number(int& v, int max) {
    const std::size_t from = at_;
    v = 0;
    while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9' && v <= max)
      v = v * 10 + (s_[at_++] - '0');
    return at_ > from && v <= max;
  }
  // [+-]hh[:mm[:ss]]; hours up to 167 (RFC 8536's extension).
  bool hms(std::int64_t& out, bool sign_allowed) {
    int sign = 1;
    if (sign_allowed && !take('+') && take('-')) sign = -1;
    int h = 0, m = 0, sec = 0;
    if (!number(h, 167)) return false;
    if (take(':') && (!number(m, 59) || (take(':') && !number(sec, 59))))
      return false;
    out = sign * (h * 3600LL + m * 60 + sec);
    return true;
  }
  bool rule(date_rule& r) {
    if (take('J')) {
      r.kind = 'J';
      if (!number(r.a, 365) || r.a < 1) return false;
    } else if (take('M')) {
      r.kind = 'M';
      if (!number(r.a, 12) || r.a < 1 || !take('.') || !number(r.b, 5) ||
          r.b < 1 || !take('.') || !number(r.c, 6))
        return false;
    } else {
      r.kind = 'n';
      if (!number(r.a, 365)) return false;
    }
    // A sign is allowed here too (RFC 8536 section 3.3.1).
    return !take('/') || hms(r.time, true);
  }

  std::string_view s_;
  std::size_t at_ = 0;
};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Local seconds (since the epoch, as if UTC) at which `r` falls in `year`.
std::int64_t rule_local_time(const date_rule& r, int year) {
  std::int64_t day = days_from_civil(year, 1, 1);
  if (r.kind == 'J') {
    day += r.a - 1 + (is_leap(year) && r.a >= 60 ? 1 : 0);
  } else if (r.kind == 'n') {
    day += r.a;
  } else {
    static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30,
                                         31, 31, 30, 31, 30, 31};
    const std::int64_t first = days_from_civil(year, r.a, 1);
    // 1970-01-01 was a Thursday (4).
    const int first_wday = static_cast<int>(((first % 7) + 11) % 7);
    int mday = 1 + (r.c - first_wday + 7) % 7 + (r.b - 1) * 7;
    const int days = kMonthDays[r.a - 1] + (r.a == 2 && is_leap(year) ? 1 : 0);
    while (mday > days) mday -= 7;
    day = first + mday - 1;
  }
  return day * kDay + r.time;
}

// The civil year of `seconds` since the epoch.
int year_of(std::int64_t seconds) {
  std::int64_t days = seconds / kDay - (seconds % kDay < 0 ? 1 : 0);
  int y = static_cast<int>(1970 + days / 366);
  while (days_from_civil(y + 1, 1, 1) <= days) ++y;
  while (days_from_civil(y, 1, 1) > days) --y;
  return y;
}

int rule_offset_at(const posix_rule& r, std::int64_t utc) {
  if (!r.has_dst) return r.std_offset;
  const int year = year_of(utc + r.std_offset);
  const std::int64_t start = rule_local_time(r.start, year) - r.std_offset;
  const std::int64_t end = rule_local_time(r.end, year) - r.dst_offset;
  const bool dst =
      start < end ? utc >= start && utc < end : !(utc >= end && utc < start);
  return dst ? r.dst_offset : r.std_offset;
}

std::int64_t big_endian(const unsigned char* p, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | p[i];
  if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

// Is `name` a relative path of zoneinfo's (no "..", no absolute path)?
bool safe_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/') return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
          (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' ||
          c == '+' || c == '.'))
      return false;
  return name.find("..") == std::string_view::npos;
}

}  // namespace

struct time_zone::rules {
  std::vector<std::int64_t> at;    // transitions, UTC seconds, ascending
  std::vector<int> offset_after;   // the offset from each transition on
  int offset_before = 0;           // before the first (time type 0)
  std::optional<posix_rule> tail;  // after the last, if the file has one

  int offset_at_utc(std::int64_t utc) const {
    if (at.empty() || utc < at.front())
      return at.empty() && tail ? rule_offset_at(*tail, utc) : offset_before;
    if (utc >= at.back() && tail) return rule_offset_at(*tail, utc);
    const auto it = std::upper_bound(at.begin(), at.end(), utc);
    return offset_after[static_cast<std::size_t>(it - at.begin()) - 1];
  }

  // Reads a TZif file's contents; nullopt unless it is well-formed.
  static std::optional<rules> parse(std::string_view file);
};

std::optional<time_zone::rules> time_zone::rules::parse(std::string_view f) {
  auto u = [&](std::size_t at) {
    return reinterpret_cast<const unsigned char*>(f.data()) + at;
  };
  auto counts = [&](std::size_t at, std::int64_t(&c)[6]) {
    if (f.size() < at + 44 || f.substr(at, 4) != "TZif") return false;
    for (int i = 0; i < 6; ++i) c[i] = big_endian(u(at + 20 + 4 * i), 4);
    return std::all_of(std::begin(c), std::end(c),
                       [](std::int64_t v) { return v >= 0 && v < 1 << 20; });
  };
  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  std::int64_t c[6];
  if (!counts(0, c)) return std::nullopt;
  const bool v2 = f[4] >= '2';
  std::size_t at = 0;
  int time_bytes = 4;
  auto block_size = [&](int tb) {
    return static_cast<std::size_t>(c[3] * tb + c[3] + c[4] * 6 + c[5] +
                                    c[2] * (tb + 4) + c[1] + c[0]);
  };
  if (v2) {  // skip the 32-bit block for the 64-bit one
    at = 44 + block_size(4);
    if (!counts(at, c)) return std::nullopt;
    time_bytes = 8;
  }
  const std::size_t data = at + 44;
  if (f.size() < data + block_size(time_bytes) || c[4] == 0)
    return std::nullopt;
  const std::size_t types_at = data + c[3] * (time_bytes + 1);
  auto offset_of_type = [&](std::size_t i) -> std::optional<int> {
    if (i >= static_cast<std::size_t>(c[4])) return std::nullopt;
    return static_cast<int>(big_endian(u(types_at + 6 * i), 4));
  };
  rules r;
  r.offset_before = *offset_of_type(0);
  for (std::int64_t i = 0; i < c[3]; ++i) {
    const auto off = offset_of_type(*u(data + c[3] * time_bytes + i));
    if (!off) return std::nullopt;
    r.at.push_back(big_endian(u(data + i * time_bytes), time_bytes));
    r.offset_after.push_back(*off);
  }
  if (!std::is_sorted(r.at.begin(), r.at.end())) return std::nullopt;
  if (v2) {  // the footer: "\n" TZ string "\n"
    const std::size_t foot = data + block_size(time_bytes);
    const std::size_t close = f.find('\n', foot + 1);
    if (foot < f.size() && f[foot] == '\n' && close != std::string_view::npos &&
        close > foot + 1) {
      r.tail = posix_reader(f.substr(foot + 1, close - foot - 1)).read();
      if (!r.tail) return std::nullopt;
    }
  }
  return r;
}

std::optional<time_zone> time_zone::find(std::string_view name) {
  time_zone z;
  if (name == "UTC" || name == "Z") return z;
  if (auto fixed = parse_fixed_offset(name)) {
    z.fixed_ = *fixed;
    return z;
  }
  if (!safe_zone_name(name)) return std::nullopt;
  const char* dir = std::getenv("TZDIR");
  std::string path =
      dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
  path.append("/").append(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes(1 << 20, '\0');  // no zone file comes near 1 MiB
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  auto r = rules::parse(bytes);
  if (!r) return std::nullopt;
  z.rules_ = std::make_shared<const rules>(std::move(*r));
  return z;
}

int time_zone::offset_of_local(const civil_time& t) const {
  if (!rules_) return fixed_;
  // The offsets in force a day before and after, as if `t` were UTC; the
  // right one maps `t` back onto itself. In a repeated hour both do and
  // the earlier instant (the offset before the change) is taken, in a
  // skipped hour neither does and the offset before the change is taken:
  // as Python's zoneinfo does for fold=0.
  const std::int64_t local = seconds_since_epoch(t);
  const int before = rules_->offset_at_utc(local - kDay);
  const int after = rules_->offset_at_utc(local + kDay);
  if (rules_->offset_at_utc(local - before) == before) return before;
  if (rules_->offset_at_utc(local - after) == after) return after;
  return before;
}

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

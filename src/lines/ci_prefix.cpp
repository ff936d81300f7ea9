#include "lines/ci_prefix.h"

#include "util/text.h"

namespace aptparse::detail {
namespace {

// One prefix's shape, read by `match`, one byte of `pattern` at a time:
//   D  a digit                   N  one or more digits
//   _  a digit or a blank        M  a month: "Jan" .. "Dec"
//   F  a fraction or nothing: '.' and one or more digits
//   z  a UTC offset: "+hh:mm" or "+hhmm" ('-' too)
//   H  a host: one or more bytes, no blank
//   G  a syslog tag: one or more bytes, no blank, the last one ':'
//   $  a blank, or the end of the line (a blank line of the log)
//   any other byte: itself.
// Four forms share the ISO date, so the table is data for one matcher
// rather than a function per form.
struct shape {
  std::string_view pattern;
  line_prefix kind;
  // The rest of a line is the CI system's own when it starts with this
  // ("": always); nullptr: never.
  const char* status;
  // A byte at a fixed place of the pattern that most lines which start
  // like it lack (dpkg.log's "2026-01-24 20:56:33", apt's "0 upgraded"):
  // tested before the pattern.
  std::size_t key_at;
  char key;
};

constexpr shape kShapes[] = {
    // BuildKit: "#<step> <seconds>.<fraction> ", or its status line.
    {"#N N.N$", line_prefix::buildkit, nullptr, 0, '#'},
    {"#N ", line_prefix::buildkit, "", 0, '#'},
    // GitHub Actions' raw log: UTC with 7 fraction digits and 'Z'.
    {"DDDD-DD-DDTDD:DD:DDFZ$", line_prefix::github_actions, "##[", 10, 'T'},
    // rsyslog's RSYSLOG_FileFormat (Debian 12's default), journalctl -o
    // short-iso / short-iso-precise: an offset, never 'Z'; then the host and
    // the tag ("apt-get[42]:", "upgrade-scripts:execute[5048]:").
    {"DDDD-DD-DDTDD:DD:DDFz H G$", line_prefix::syslog, nullptr, 10, 'T'},
    // RFC 3164 / RSYSLOG_TraditionalFileFormat, journalctl's default
    // "short": "Jan  4 20:56:33", the day padded with a blank.
    {"M _D DD:DD:DD H G$", line_prefix::syslog, nullptr, 9, ':'},
};

constexpr bool digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";

bool month(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return false;
  for (std::size_t m = 0; m < kMonths.size(); m += 3)
    if (s.substr(i, 3) == kMonths.substr(m, 3)) return true;
  return false;
}

// Skips digits from `i`; returns how many.
std::size_t digits(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  while (i < s.size() && digit(s[i])) ++i;
  return i - start;
}

bool two_digits(std::string_view s, std::size_t& i) {
  if (i + 2 > s.size() || !digit(s[i]) || !digit(s[i + 1])) return false;
  i += 2;
  return true;
}

// Skips a word (bytes up to a blank or the end); returns its size.
std::size_t word(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  while (i < s.size() && s[i] != ' ') ++i;
  return i - start;
}

// One pattern byte at `i`: advances `i` past what it matched.
bool step(char p, std::string_view s, std::size_t& i) {
  const bool more = i < s.size();
  switch (p) {
    case 'D':
      return more && digit(s[i]) && ++i;
    case 'N':
      return digits(s, i) > 0;
    case '_':
      return more && (digit(s[i]) || s[i] == ' ') && ++i;
    case 'M':
      return month(s, i) && (i += 3);
    case 'F':
      if (!more || s[i] != '.') return true;
      ++i;
      return digits(s, i) > 0;
    case 'z':
      if (!more || (s[i] != '+' && s[i] != '-')) return false;
      ++i;
      if (!two_digits(s, i)) return false;
      if (i < s.size() && s[i] == ':') ++i;
      return two_digits(s, i);
    case 'H':
      return word(s, i) > 0;
    case 'G':
      return word(s, i) > 0 && s[i - 1] == ':';
    case '$':
      return !more || (s[i] == ' ' && ++i);
    default:
      return more && s[i] == p && ++i;
  }
}

// The size of the prefix that `pattern` matches at the start of `s` (0:
// none); `source` from its host on.
std::size_t match(std::string_view pattern, std::string_view s,
                  std::size_t& source) {
  std::size_t i = 0;
  for (char p : pattern) {
    if (p == 'H') source = i;
    if (!step(p, s, i)) return 0;
  }
  return i;
}

}  // namespace

prefix_result strip_ci_prefix_slow(std::string_view line) noexcept {
  for (const shape& f : kShapes) {
    if (f.key_at >= line.size() || line[f.key_at] != f.key) continue;
    std::size_t source = 0;
    const std::size_t n = match(f.pattern, line, source);
    if (n == 0) continue;
    const std::string_view rest = line.substr(n);
    return {rest, f.kind, f.status != nullptr && rest.starts_with(f.status),
            source == 0 ? std::string_view{}
                        : trim_right(line.substr(source, n - source))};
  }
  return {line};
}

}  // namespace aptparse::detail

// Stage 1c: prefixes that CI systems, container builds and system loggers
// put before every line of a log.
//
//   Docker BuildKit (--progress=plain):  "#7 12.34 Reading package lists..."
//   GitHub Actions (raw log download):   "2024-05-01T10:00:00.1234567Z ..."
//   syslog and the journal:              "Jan 24 20:56:33 host tag[42]: ..."
//     (or RFC 3339's time:               "2026-01-24T20:56:33.123+00:00 ...")
//
// Each line is checked on its own against strict patterns (the table in
// ci_prefix.cpp), so the result does not depend on chunking, and a log
// without prefixes is left alone: no line of apt's, dpkg's or their logs'
// output starts like these. The CI system's own lines (BuildKit's
// "#7 [2/3] RUN ...", "#7 DONE 1.2s", GitHub's "##[group]...") are reported
// as such, to be counted as noise.
#ifndef APTPARSE_SRC_LINES_CI_PREFIX_H_
#define APTPARSE_SRC_LINES_CI_PREFIX_H_

#include <string_view>

#include "aptparse/events.h"

namespace aptparse::detail {

struct prefix_result {
  std::string_view text;  // the line without its prefix
  line_prefix kind = line_prefix::none;
  bool ci_status = false;  // a line of the CI system itself, not of the log
  // A syslog line's sender, "host tag:" (the tag holds the process id):
  // apt's lines of one run share it.
  std::string_view source{};
};

// The full check, for lines that start like a prefix.
prefix_result strip_ci_prefix_slow(std::string_view line) noexcept;

// Can a CI prefix or an RFC 3339 syslog time start with `c`? Almost no line
// of apt's starts with '#' or a digit.
constexpr bool may_begin_ci_prefix(char c) noexcept {
  return c == '#' || (c >= '0' && c <= '9');
}

// The cheap test for a line that starts with a digit: an ISO time has its
// 'T' at [10] (dpkg.log's a blank, apt's summary line a letter).
inline bool may_be_iso_time(std::string_view line) noexcept {
  return line.size() > 19 && line[10] == 'T';
}

// Can a month name ("Jan".."Dec", a BSD syslog time) start with `c`? Many of
// apt's lines do too ("Setting up", "Need to get"): see may_be_bsd_syslog.
constexpr bool may_begin_month(char c) noexcept {
  return c == 'J' || c == 'F' || c == 'M' || c == 'A' || c == 'S' || c == 'O' ||
         c == 'N' || c == 'D';
}

// The cheap test for a line that starts with a month's capital: "Jan 24"
// has its blank at [3], which none of apt's English lines that start with
// those capitals has ("Setting up", "Do you want", "Need to get") and few
// translated ones ("Die folgenden": they take the full check).
inline bool may_be_bsd_syslog(std::string_view line) noexcept {
  return line.size() > 16 && line[3] == ' ';
}

// Inline first-byte test: runs on every line that reaches the stage.
inline prefix_result strip_ci_prefix(std::string_view line) noexcept {
  if (line.size() < 3) return {line};
  const char c = line[0];
  if (c == '#' || (c >= '0' && c <= '9' && may_be_iso_time(line)) ||
      (may_begin_month(c) && may_be_bsd_syslog(line)))
    return strip_ci_prefix_slow(line);
  return {line};
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_CI_PREFIX_H_

// Stage 1c: prefixes that CI systems and container builds put before every
// line of a log.
//
//   Docker BuildKit (--progress=plain):  "#7 12.34 Reading package lists..."
//   GitHub Actions (raw log download):   "2024-05-01T10:00:00.1234567Z ..."
//
// Each line is checked on its own against strict patterns, so the result
// does not depend on chunking, and a log without prefixes is left alone: no
// line of apt's, dpkg's or their logs' output starts like these. The CI
// system's own lines (BuildKit's "#7 [2/3] RUN ...", "#7 DONE 1.2s", GitHub's
// "##[group]...") are reported as such, to be counted as noise.
#ifndef APTPARSE_SRC_LINES_CI_PREFIX_H_
#define APTPARSE_SRC_LINES_CI_PREFIX_H_

#include <string_view>

#include "aptparse/events.h"

namespace aptparse::detail {

struct prefix_result {
  std::string_view text;  // the line without its prefix
  line_prefix kind = line_prefix::none;
  bool ci_status = false;  // a line of the CI system itself, not of the log
};

// The full check, for lines that start like a prefix.
prefix_result strip_ci_prefix_slow(std::string_view line) noexcept;

// Can a CI prefix start with `c`? Almost no line of apt's starts with '#'
// or a digit.
constexpr bool may_begin_ci_prefix(char c) noexcept {
  return c == '#' || (c >= '0' && c <= '9');
}

// Inline first-byte test: runs on every line.
inline prefix_result strip_ci_prefix(std::string_view line) noexcept {
  if (line.size() < 3 || !may_begin_ci_prefix(line[0])) return {line};
  return strip_ci_prefix_slow(line);
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_CI_PREFIX_H_

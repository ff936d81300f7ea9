#include "lines/ci_prefix.h"

namespace aptparse::detail {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// Skips digits from `i`; returns how many.
std::size_t digits(std::string_view s, std::size_t& i) {
  std::size_t start = i;
  while (i < s.size() && digit(s[i])) ++i;
  return i - start;
}

bool expect(std::string_view s, std::size_t& i, char c) {
  if (i >= s.size() || s[i] != c) return false;
  ++i;
  return true;
}

// "#<step> " then "<seconds>.<fraction> " (a log line) or anything else
// (BuildKit's own status line).
prefix_result buildkit(std::string_view line) {
  std::size_t i = 1;
  if (digits(line, i) == 0 || !expect(line, i, ' ')) return {line};
  std::size_t body = i;
  if (digits(line, i) > 0 && expect(line, i, '.') && digits(line, i) > 0 &&
      (i == line.size() || expect(line, i, ' ')))
    return {line.substr(i), line_prefix::buildkit, false};
  return {line.substr(body), line_prefix::buildkit, true};
}

// "YYYY-MM-DDTHH:MM:SS[.fraction]Z ".
prefix_result github(std::string_view line) {
  std::size_t i = 0;
  bool ok =
      digits(line, i) == 4 && expect(line, i, '-') && digits(line, i) == 2 &&
      expect(line, i, '-') && digits(line, i) == 2 && expect(line, i, 'T') &&
      digits(line, i) == 2 && expect(line, i, ':') && digits(line, i) == 2 &&
      expect(line, i, ':') && digits(line, i) == 2;
  if (!ok) return {line};
  if (i < line.size() && line[i] == '.') {
    ++i;
    if (digits(line, i) == 0) return {line};
  }
  if (!expect(line, i, 'Z') || (i < line.size() && !expect(line, i, ' ')))
    return {line};
  std::string_view rest = line.substr(i);
  return {rest, line_prefix::github_actions, rest.starts_with("##[")};
}

}  // namespace

prefix_result strip_ci_prefix_slow(std::string_view line) noexcept {
  if (line[0] == '#' && digit(line[1])) return buildkit(line);
  if (digit(line[0]) && line.size() >= 20 && line[10] == 'T')
    return github(line);
  return {line};
}

}  // namespace aptparse::detail

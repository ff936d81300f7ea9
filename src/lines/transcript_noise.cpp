#include "lines/transcript_noise.h"

namespace aptparse::detail {
namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

// Skips name characters from `i`; returns how many.
std::size_t name(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  while (i < s.size() && name_char(s[i])) ++i;
  return i - start;
}

// "$" or "#", then a space or the end of the line: the prompt's last byte.
bool prompt_end(std::string_view s, std::size_t i) {
  return i < s.size() && (s[i] == '$' || s[i] == '#') &&
         (i + 1 == s.size() || s[i + 1] == ' ');
}

// "user@host:~/dir$ cmd", "pi@raspberrypi:~ $ cmd" or, with `bracket`,
// "[user@host dir]# cmd".
bool user_host_prompt(std::string_view s, bool bracket) {
  std::size_t i = bracket ? 1 : 0;
  if (name(s, i) == 0 || i >= s.size() || s[i] != '@') return false;
  ++i;
  if (name(s, i) == 0 || i >= s.size()) return false;
  const char sep = bracket ? ' ' : ':';
  if (s[i] != sep) return false;
  // The working directory: no blank in it, then "]" for the bracket form;
  // Raspberry Pi OS puts a space before the "$".
  for (++i; i < s.size() && s[i] != '\t'; ++i) {
    if (s[i] == ' ') return !bracket && prompt_end(s, i + 1);
    if (bracket && s[i] == ']') return prompt_end(s, i + 1);
    if (!bracket && prompt_end(s, i)) return true;
  }
  return false;
}

}  // namespace

bool is_transcript_noise(std::string_view line) noexcept {
  if (line.empty()) return false;
  if (line.starts_with("```") || line.starts_with("~~~")) return true;
  switch (line[0]) {
    case '$':
    case '#':
      return prompt_end(line, 0);
    case '[':
      return user_host_prompt(line, true);
    case '`':
    case '~':
      return false;
    default:
      return user_host_prompt(line, false);
  }
}

}  // namespace aptparse::detail

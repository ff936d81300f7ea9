#include "classify/summary_shape.h"

#include <array>

namespace aptparse::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Words: an ASCII letter or any non-ASCII byte (a translated word).
bool has_word(std::string_view s) {
  for (char c : s)
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
      return true;
    else if (static_cast<unsigned char>(c) >= 0x80)
      return true;
  return false;
}

bool has_comma(std::string_view s) {
  return s.find(',') != std::string_view::npos ||
         s.find("\uff0c") != std::string_view::npos ||  // fullwidth
         s.find("\u3001") != std::string_view::npos ||  // ideographic
         s.find("\u060c") != std::string_view::npos;    // Arabic
}

}  // namespace

bool match_summary_shape(std::string_view line, captures& caps) {
  constexpr std::size_t kMaxLine = 400;
  if (line.size() > kMaxLine || !line.ends_with('.')) return false;
  std::array<std::string_view, 7> numbers;
  std::array<std::string_view, 8> between;  // text around the numbers
  std::size_t n = 0, start = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (!is_digit(line[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < line.size() && is_digit(line[end])) ++end;
    if (n == numbers.size()) return false;
    between[n] = line.substr(start, i - start);
    numbers[n++] = line.substr(i, end - i);
    start = i = end;
  }
  between[n] = line.substr(start);
  if (n != 4 && n != 6) return false;
  // Words between every two numbers, a comma between all but the last two.
  for (std::size_t k = 1; k < n; ++k) {
    if (!has_word(between[k])) return false;
    if (k + 1 < n && !has_comma(between[k])) return false;
  }
  if (has_comma(between[0]) || !has_word(between[n])) return false;
  static constexpr int kFour[4] = {0, 1, 4, 5};
  caps.clear();
  for (std::size_t k = 0; k < n; ++k)
    caps.set(n == 4 ? kFour[k] : static_cast<int>(k), numbers[k]);
  return true;
}

}  // namespace aptparse::detail

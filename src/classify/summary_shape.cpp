#include "classify/summary_shape.h"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

std::size_t digit_runs_bytewise(std::string_view s) noexcept {
  std::size_t runs = 0;
  bool in_run = false;
  for (char c : s) {
    runs += is_digit(c) && !in_run;
    in_run = is_digit(c);
  }
  return runs;
}

std::size_t digit_runs(std::string_view s) noexcept {
  std::size_t i = 0, runs = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
  unsigned carry = 0;  // the previous block's last byte is a digit
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_sub_epi8(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)), zero);
    // Digits: v - '0' is at most 9, unsigned.
    const auto digits = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, nine), nine)));
    runs += __builtin_popcount(digits & ~((digits << 1) | carry));
    carry = (digits >> 15) & 1u;
  }
  if (carry != 0)  // a run that goes on past the blocks is counted
    while (i < s.size() && is_digit(s[i])) ++i;
#endif
  return runs + digit_runs_bytewise(s.substr(i));
}

bool match_summary_shape(std::string_view line, captures& caps) {
  constexpr std::size_t kMaxLine = 400;
  if (line.size() > kMaxLine || !line.ends_with('.')) return false;
  if (const std::size_t runs = digit_runs(line); runs != 4 && runs != 6)
    return false;
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

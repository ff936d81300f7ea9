#include "util/size.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <random>
#include <string>

namespace aptparse::detail {
namespace {

TEST(ParseSize, ReadsPlainBytesAndUnits) {
  EXPECT_EQ(parse_size("512 "), 512u);
  EXPECT_EQ(parse_size("2481 k"), 2481000u);
  EXPECT_EQ(parse_size("12.3 M"), 12300000u);
  EXPECT_EQ(parse_size("1.5 G"), 1500000000u);
}

TEST(ParseSize, GroupingMarksOfAnyLocaleAreNotDecimals) {
  EXPECT_EQ(parse_size("8,170 k"), 8170000u);  // en_US
  EXPECT_EQ(parse_size("1.024 "), 1024u);      // de
  EXPECT_EQ(parse_size("1\xe2\x80\xaf"
                       "526 k"),
            1526000u);  // U+202F
  EXPECT_EQ(parse_size("1\xc2\xa0"
                       "675 k"),
            1675000u);  // U+00A0
}

TEST(ParseSize, OneDigitAfterTheLastMarkIsTheDecimalPart) {
  EXPECT_EQ(parse_size("19,7 G"), 19700000000u);  // ru, fr
  EXPECT_EQ(parse_size("0.5 k"), 500u);
}

TEST(ParseSize, RejectsTextWithoutNumber) {
  EXPECT_FALSE(parse_size(""));
  EXPECT_FALSE(parse_size(" k"));
  EXPECT_FALSE(parse_size("99999999999999999999999 k"));
}

// The implementation before the unit switch, the power table and the
// rounding without libm: strchr, std::pow and std::llround.
std::optional<std::uint64_t> parse_size_by_libm(std::string_view text) {
  static constexpr char kUnits[] = "kMGTPEZY";
  int power = 0;
  std::size_t end = text.size();
  while (end > 0 && !(text[end - 1] >= '0' && text[end - 1] <= '9')) {
    char c = text[end - 1];
    if (const char* u = std::strchr(kUnits, c); u != nullptr && c != '\0')
      power = static_cast<int>(u - kUnits) + 1;
    --end;
  }
  double integer = 0;
  int digits = 0;
  int digits_after_mark = -1;
  for (std::size_t i = 0; i < end; ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      integer = integer * 10 + (c - '0');
      ++digits;
      if (digits_after_mark >= 0) ++digits_after_mark;
    } else if (digits > 0) {
      digits_after_mark = 0;
    }
  }
  if (digits == 0 || digits > 19) return std::nullopt;
  double value = integer;
  if (digits_after_mark == 1) value /= 10;
  value *= std::pow(1000.0, power);
  if (value >= 1.8e19) return std::nullopt;
  return static_cast<std::uint64_t>(std::llround(value));
}

// Random numbers of 1-20 digits, with marks and every unit byte (and
// others, NUL among them) after them: the same result as pow and llround,
// halves (one decimal digit ",5"), values past 2^53 and 2^63 included.
TEST(ParseSize, EqualsThePowAndLlroundResult) {
  std::mt19937_64 rng(1513);
  // The literal's bytes without its terminator (it holds a NUL too).
  static constexpr char kUnitBytes[] = "kMGTPEZYBbKmi \t\0\xff.,";
  const std::string units(kUnitBytes, sizeof kUnitBytes - 1);
  for (int round = 0; round < 200000; ++round) {
    std::string text;
    const int digits = 1 + static_cast<int>(rng() % 20);
    for (int i = 0; i < digits; ++i) {
      text += static_cast<char>('0' + rng() % 10);
      if (rng() % 6 == 0) text += ",. '"[rng() % 4];
    }
    for (int i = static_cast<int>(rng() % 4); i > 0; --i)
      text += units[rng() % units.size()];
    ASSERT_EQ(parse_size(text), parse_size_by_libm(text))
        << ::testing::PrintToString(text);
  }
  for (const char* t :
       {"9007199254740993", "9,5 kB", "0,5 B", "1,5 B", "9223372036854775807",
        "9223372036854775808", "17999999999999999999", "18 EB", "10 EB",
        "9,2 EB", "0 YB", "0,1 YB", "1 ZB", "99999 PB", "2,5 MB"})
    EXPECT_EQ(parse_size(t), parse_size_by_libm(t)) << t;
}

}  // namespace
}  // namespace aptparse::detail

#include "util/size.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(parse_size("1\xe2\x80\xaf" "526 k"), 1526000u);  // U+202F
  EXPECT_EQ(parse_size("1\xc2\xa0" "675 k"), 1675000u);      // U+00A0
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

}  // namespace
}  // namespace aptparse::detail

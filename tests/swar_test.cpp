// util/text.h's word-at-a-time helpers: swar::load's byte order, which
// every SWAR search, digit test and hash in src/ relies on, and the
// searches built on it held to std::string_view's own.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "util/text.h"

namespace aptparse::detail {
namespace {

TEST(SwarLoad, ReadsTheTextsFirstByteIntoTheLowestBitsOnEveryMachine) {
  const char text[] = "\x01\x02\x03\x04\x05\x06\x07\x08";
  EXPECT_EQ(swar::load(text), 0x0807060504030201ull);
  EXPECT_EQ(swar::load<std::uint32_t>(text), 0x04030201u);
  EXPECT_EQ(swar::load<std::uint32_t>(text + 4), 0x08070605u);
}

TEST(SwarMatches, TheLowestFlagIsTheFirstMatchingByte) {
  const std::uint64_t x = swar::load("ab c d e");
  EXPECT_EQ(__builtin_ctzll(swar::matches(x, ' ')) / 8, 2);
  EXPECT_EQ((63 - __builtin_clzll(swar::exact_matches(x, ' '))) / 8, 6);
}

// swar::tail is what the package index's hash and the Python str cache
// read past a text's whole words: two texts of one length must have equal
// words and tails exactly when their bytes are equal, at every length
// (each branch of tail: 1-3, 4-7, 8 and more bytes).
TEST(SwarTail, WordsAndTailAreEqualExactlyWhenTheTextsAre) {
  std::mt19937 rng(2024);
  auto same_words = [](const std::string& a, const std::string& b) {
    const std::size_t n = a.size();
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (swar::load(a.data() + i) != swar::load(b.data() + i)) return false;
    return swar::tail(a.data(), n) == swar::tail(b.data(), n);
  };
  for (int round = 0; round < 20000; ++round) {
    std::string a(rng() % 25, 'x');
    for (char& c : a) c = "ab\x00\xff"[rng() % 4];
    std::string b = a;
    EXPECT_TRUE(same_words(a, b)) << a;
    if (a.empty()) continue;
    b[rng() % b.size()] ^= static_cast<char>(1 + rng() % 255);
    EXPECT_FALSE(same_words(a, b)) << a.size();
  }
  EXPECT_EQ(swar::tail("", 0), 0u);
}

// Strings of 0-40 bytes over a small alphabet, so that hits, misses, a hit
// in the overlapping last word and one before `from` all occur.
TEST(FindFlagged, AgreesWithStringViewFindOnRandomStrings) {
  std::mt19937 rng(12345);
  const std::string alphabet = "ab \t:()-\x80\xff";
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 41, 'x');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    const std::string_view v(s);
    const std::size_t from = s.empty() ? 0 : rng() % (s.size() + 1);
    const std::size_t blank = v.find_first_of(" \t", from);
    EXPECT_EQ(find_blank(v, from), blank == v.npos ? v.size() : blank) << s;
    EXPECT_EQ(find_short<':'>(v), v.find(':')) << s;
    EXPECT_EQ(find_short<')'>(v), v.find(')')) << s;
  }
}

}  // namespace
}  // namespace aptparse::detail

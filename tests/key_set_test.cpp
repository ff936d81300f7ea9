// The set of packages a run handled (util/key_set.h).
#include "util/key_set.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace aptparse::detail {
namespace {

TEST(KeySet, ASecondInsertOfAKeyReportsTheRepeat) {
  key_set s;
  EXPECT_TRUE(s.insert(42));
  EXPECT_FALSE(s.insert(42));
  EXPECT_TRUE(s.insert(0));  // 0 is a key like any other
  EXPECT_FALSE(s.insert(0));
}

TEST(KeySet, ClearEmptiesTheSetAndGrowthKeepsEveryKey) {
  key_set s;
  for (std::uint64_t k = 1; k <= 5000; ++k) ASSERT_TRUE(s.insert(k * 977));
  for (std::uint64_t k = 1; k <= 5000; ++k) ASSERT_FALSE(s.insert(k * 977));
  s.clear();
  for (std::uint64_t k = 1; k <= 5000; ++k) ASSERT_TRUE(s.insert(k * 977));
}

TEST(KeySet, KeysTellNamesAndArchitecturesApart) {
  // Every length around the eight-byte chunks, and the multiarch pairs a
  // run holds (libc6:amd64 and libc6:i386).
  std::set<std::uint64_t> keys;
  std::size_t n = 0;
  for (const char* arch : {"", "amd64", "i386", "all", "arm64", "mips64el"}) {
    for (std::size_t len = 0; len <= 40; ++len) {
      std::string name(len, 'a');
      for (char c : {'a', 'b'}) {
        if (len > 0) name[len / 2] = c;
        keys.insert(key_set::key_of(name, arch));
        ++n;
      }
    }
  }
  // Only the empty name is the same for both letters: one key fewer per
  // architecture.
  EXPECT_EQ(keys.size(), n - 6);
  EXPECT_NE(key_set::key_of("libc6", "amd64"),
            key_set::key_of("libc6", "i386"));
  EXPECT_NE(key_set::key_of("ab", "c"), key_set::key_of("a", "bc"));
}

}  // namespace
}  // namespace aptparse::detail

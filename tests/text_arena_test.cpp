#include "classify/text_arena.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "classify/inline_list.h"

namespace aptparse::detail {
namespace {

TEST(TextArena, EveryStoredViewKeepsItsTextAcrossChunksAndMoves) {
  // Many small strings (several 64 KiB chunks), a few larger than a chunk,
  // and empty ones; every view must still read its text after all the
  // stores and after the arena is moved.
  std::mt19937 rng(16);
  text_arena arena;
  std::vector<std::string> want;
  std::vector<std::string_view> got;
  for (int i = 0; i < 20000; ++i) {
    const std::size_t n = i % 5000 == 4999 ? 70000 + rng() % 1000 : rng() % 60;
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>('a' + rng() % 26);
    got.push_back(arena.store(s));
    want.push_back(std::move(s));  // the source is gone: only the copy
  }
  const text_arena moved = std::move(arena);
  for (std::size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(got[i], want[i]) << i;
    ASSERT_NE(got[i].data(), nullptr) << i;  // empty too: a static ""
  }
}

TEST(TextArena, AMovedFromArenaStoresIntoNoneOfTheArenaItWentTo) {
  text_arena from;
  const std::string_view kept = from.store("kept");
  text_arena to = std::move(from);
  // Reused after the move, `from` must not write into `to`'s chunk: the
  // next store of `to` would then overwrite it, or it overwrite `to`'s.
  const std::string_view again = from.store("again");
  const std::string_view more = to.store("more!");
  EXPECT_EQ(kept, "kept");
  EXPECT_EQ(again, "again");
  EXPECT_EQ(more, "more!");
  text_arena third;
  third = std::move(to);
  EXPECT_EQ(to.store("later"), "later");
  EXPECT_EQ(third.store("third"), "third");
  EXPECT_EQ(kept, "kept");
  EXPECT_EQ(more, "more!");
}

TEST(InlineList, HoldsWhatWasPushedAndComparesLikeAVector) {
  inline_list<int, 4> a, b;
  EXPECT_TRUE(a.empty());
  a.push_back(3);
  a.push_back(1);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0], 3);
  EXPECT_EQ(a[1], 1);
  EXPECT_FALSE(a == b);
  b.push_back(3);
  EXPECT_FALSE(a == b);  // a prefix is not equal
  b.push_back(1);
  EXPECT_TRUE(a == b);
  b.clear();
  b.push_back(3);
  b.push_back(2);
  EXPECT_FALSE(a == b);
  EXPECT_EQ(std::vector<int>(a.begin(), a.end()), (std::vector<int>{3, 1}));
}

}  // namespace
}  // namespace aptparse::detail

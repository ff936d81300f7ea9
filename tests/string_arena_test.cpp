#include "report/string_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace aptparse {
namespace {

TEST(StringArena, ViewsStayValidAsItGrowsAndClearReusesItsBlock) {
  string_arena a;
  std::vector<std::string_view> views;
  std::vector<std::string> want;
  for (int i = 0; i < 2000; ++i) {
    want.push_back("package-" + std::to_string(i) + std::string(i % 37, 'x'));
    views.push_back(a.save(want.back()));
  }
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(views[i], want[i]);
  EXPECT_TRUE(a.save("").empty());
  const std::size_t grown = a.capacity();
  a.clear();
  EXPECT_GT(a.capacity(), 448u);  // the largest block is kept
  EXPECT_LT(a.capacity(), grown);
  EXPECT_EQ(a.save("again"), "again");
  // A save larger than any block gets a block of its own.
  const std::string big(1 << 20, 'b');
  EXPECT_EQ(a.save(big), big);
}

TEST(StringArena, AllocateAlignsAndKeepsEarlierBytes) {
  string_arena a;
  const std::string_view odd = a.save("odd");
  for (int i = 0; i < 5000; ++i) {
    void* p = a.allocate(24, 8);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 8, 0u);
    std::memset(p, 0xff, 24);
  }
  EXPECT_EQ(odd, "odd");
}

TEST(StringArena, FullBlocksOfADestroyedArenaServeTheNextArena) {
  const std::string text(100'000, 't');
  auto fill = [&](string_arena& a) {  // past four full (1 MiB) blocks
    while (a.capacity() < (6u << 20)) a.save(text);
  };
  std::size_t before = 0;
  {
    string_arena a;
    fill(a);
    before = string_arena::cached_blocks();
  }
  const std::size_t given = string_arena::cached_blocks() - before;
  EXPECT_GE(given, 4u);  // the cache had room: no test fills it
  string_arena b;
  fill(b);
  EXPECT_EQ(string_arena::cached_blocks(), before);  // b took them back
}

}  // namespace
}  // namespace aptparse

#include "report/string_arena.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace aptparse

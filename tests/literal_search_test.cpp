#include "classify/literal_search.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace aptparse::detail {
namespace {

std::set<std::uint32_t> found(const literal_search& search,
                              std::string_view line) {
  std::set<std::uint32_t> ids;
  search.search(line, [&](std::uint32_t id) { ids.insert(id); });
  return ids;
}

using ids = std::set<std::uint32_t>;

TEST(LiteralSearch, ReportsTheIdsWhoseLiteralOccursAnywhereInTheLine) {
  literal_search s;
  s.add(1, " is already the newest version (");
  s.add(2, " set on hold.");
  s.add(3, " was already set on hold.");
  EXPECT_EQ(found(s, "jq is already the newest version (1.6-2.1)."), ids{1});
  EXPECT_EQ(found(s, "tzdata set on hold."), ids{2});
  // Both literals occur; the row's own matcher decides later.
  EXPECT_EQ(found(s, "tzdata was already set on hold."), (ids{2, 3}));
  EXPECT_EQ(found(s, "tzdata is on hold"), ids{});
  EXPECT_EQ(found(s, ""), ids{});
}

TEST(LiteralSearch, FindsLiteralsAtTheStartAndEndAndAcrossShortLines) {
  literal_search s;
  s.add(7, "abcd");
  EXPECT_EQ(found(s, "abcd"), ids{7});       // the whole line
  EXPECT_EQ(found(s, "abcdxyz"), ids{7});    // at the start
  EXPECT_EQ(found(s, "xyzabcd"), ids{7});    // at the end
  EXPECT_EQ(found(s, "abc"), ids{});         // shorter than the literal
  EXPECT_EQ(found(s, "xabcxabcd"), ids{7});  // after a near miss
}

TEST(LiteralSearch, ShortLiteralsAreFoundAndOneByteOnesMatchEveryLine) {
  literal_search s;
  s.add(1, "%)");   // two bytes
  s.add(2, "B/");   // two bytes
  s.add(3, "xyz");  // three bytes
  s.add(4, ":");    // one byte: cannot filter, always reported
  EXPECT_EQ(found(s, "Progress: [ 40%)"), (ids{1, 4}));
  EXPECT_EQ(found(s, "Need to get 1 kB/2 kB"), (ids{2, 4}));
  EXPECT_EQ(found(s, "wxyz"), (ids{3, 4}));
  EXPECT_EQ(found(s, "nothing"), ids{4});
}

TEST(LiteralSearch, LiteralsSharingTheirFirstBytesAreToldApart) {
  literal_search s;
  s.add(1, "upgraded, ");
  s.add(2, "upgrade of ");
  s.add(3, "up");
  EXPECT_EQ(found(s, "1 upgraded, 0 newly installed"), (ids{1, 3}));
  EXPECT_EQ(found(s, "an upgrade of apt"), (ids{2, 3}));
  EXPECT_EQ(found(s, "upgrading"), ids{3});
}

}  // namespace
}  // namespace aptparse::detail

#include "classify/literal_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

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
  s.build();
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
  s.build();
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
  s.build();
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
  s.build();
  EXPECT_EQ(found(s, "1 upgraded, 0 newly installed"), (ids{1, 3}));
  EXPECT_EQ(found(s, "an upgrade of apt"), (ids{2, 3}));
  EXPECT_EQ(found(s, "upgrading"), ids{3});
}

TEST(LiteralSearch, ALongLiteralIsFoundAtEveryPlaceBetweenTheSampledOnes) {
  // Shortest long literal of 12 bytes: the search loads every ninth
  // position; a literal at any start must still be found, once.
  literal_search s;
  s.add(1, "newest versi");
  s.add(2, " is already the newest version (");
  s.build();
  for (std::size_t at = 0; at < 40; ++at) {
    const std::string line =
        std::string(at, 'x') + "newest version" + std::string(at % 5, 'y');
    std::vector<std::uint32_t> ids;
    s.search(line, [&](std::uint32_t id) { ids.push_back(id); });
    EXPECT_EQ(ids, std::vector<std::uint32_t>{1}) << line;
  }
}

// Every id, once per occurrence, in sorted order.
template <class Search>
std::vector<std::uint32_t> reports(Search&& search) {
  std::vector<std::uint32_t> ids;
  search([&](std::uint32_t id) { ids.push_back(id); });
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(LiteralSearch, StridedSearchReportsWhatTryingEveryPositionReports) {
  // Few letters, so that literals overlap, repeat and share windows; the
  // literals are added in random order of length, so the stride shrinks
  // after some were indexed.
  std::mt19937 rng(15);
  const std::string alphabet = "ab c";
  auto text = [&](std::size_t n) {
    std::string t;
    for (std::size_t i = 0; i < n; ++i) t += alphabet[rng() % alphabet.size()];
    return t;
  };
  for (int round = 0; round < 300; ++round) {
    literal_search s;
    const int literals = 1 + static_cast<int>(rng() % 12);
    const std::size_t min_size = 1 + rng() % 16;
    for (int id = 0; id < literals; ++id)
      s.add(static_cast<std::uint32_t>(id), text(min_size + rng() % 12));
    s.build();
    for (int k = 0; k < 40; ++k) {
      const std::string line = text(rng() % 90);
      EXPECT_EQ(reports([&](auto f) { s.search(line, f); }),
                reports([&](auto f) { s.search_bytewise(line, f); }))
          << "round " << round << ", line \"" << line << '"';
    }
  }
}

}  // namespace
}  // namespace aptparse::detail

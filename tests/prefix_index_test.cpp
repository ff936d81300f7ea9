#include "classify/prefix_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aptparse::detail {
namespace {

// The rows among the candidates for `line` whose literal matches it.
std::vector<std::uint32_t> matching(const prefix_index& index,
                                    std::string_view line) {
  std::vector<std::uint32_t> rows;
  const std::uint64_t head = prefix_index::load8(line);
  const std::uint64_t tail =
      line.size() > 8 ? prefix_index::load8(line.substr(8)) : 0;
  for (const auto& c : index.candidates(line))
    if (prefix_index::literal_matches(c, line, head, tail))
      rows.push_back(c.row);
  return rows;
}

// The literals must outlive the index.
const std::string kLiterals[] = {
    "Reading package lists...",  // 0: exact
    "Reading state information... ",
    "Reading ",  // 2: eight bytes, a prefix of both above
    "Get:",      // 3: four bytes, too short for the eight-byte index
    "Setting up ",
    "The following packages will be upgraded:",
};

TEST(PrefixIndex, FindsTheRowsWhoseLiteralStartsTheLineInOrder) {
  prefix_index by8(8);
  by8.add(0, kLiterals[0], /*exact=*/true);
  by8.add(1, kLiterals[1], false);
  by8.add(2, kLiterals[2], false);
  by8.add(4, kLiterals[4], false);
  by8.add(5, kLiterals[5], false);
  by8.build();
  EXPECT_EQ(matching(by8, "Reading package lists..."),
            (std::vector<std::uint32_t>{0, 2}));
  // An exact row matches only the whole line.
  EXPECT_EQ(matching(by8, "Reading package lists... Done"),
            (std::vector<std::uint32_t>{2}));
  // Past sixteen bytes the rest of the literal is compared too.
  EXPECT_EQ(matching(by8, "The following packages will be upgraded:"),
            (std::vector<std::uint32_t>{5}));
  EXPECT_TRUE(matching(by8, "The following packages will be REMOVED:").empty());
  EXPECT_EQ(matching(by8, "Setting up tzdata (2024b-0) ..."),
            (std::vector<std::uint32_t>{4}));
  EXPECT_TRUE(matching(by8, "Settings are fine").empty());
  EXPECT_TRUE(by8.candidates("Unknown line here").empty());
}

TEST(PrefixIndex, ALineTrimmedOfTheLiteralsTrailingSpaceStillMatches) {
  prefix_index by8(8);
  by8.add(1, kLiterals[1], false);
  by8.build();
  // Lines arrive trimmed: "Reading state information... " with its final
  // space is "Reading state information...".
  EXPECT_EQ(matching(by8, "Reading state information..."),
            (std::vector<std::uint32_t>{1}));
  EXPECT_TRUE(matching(by8, "Reading state infor").empty());
}

TEST(PrefixIndex, FourByteKeys) {
  prefix_index by4(4);
  by4.add(3, kLiterals[3], false);
  by4.build();
  EXPECT_EQ(matching(by4, "Get:1 http://deb.debian.org/debian bookworm"),
            (std::vector<std::uint32_t>{3}));
  EXPECT_TRUE(matching(by4, "Got:1").empty());
}

}  // namespace
}  // namespace aptparse::detail

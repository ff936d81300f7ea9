#include "classify/prefix_index.h"

#include <gtest/gtest.h>

#include <cstring>
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

// A row is a shortcut's target only if no earlier candidate of its key can
// take a line that it takes, trimmed lines included.
TEST(PrefixIndex, FirstUnlikeEarlierOnlyWhenNoEarlierLiteralCanMatch) {
  static const std::string kRows[] = {
      "Reading package lists...",       // 0
      "Reading state information... ",  // 1: differs from 0 at byte 8
      "Reading ",                       // 2: starts both: never first
      "Abcdefgh x\t",                   // 3
      "Abcdefgh x ",  // 4: "Abcdefgh x" (trimmed) is row 3's line too
      "Abcdefgh xz",  // 5: differs from 3 and 4 before its end
  };
  prefix_index by8(8);
  for (std::uint32_t i = 0; i < 6; ++i) by8.add(i, kRows[i], false);
  by8.build();
  for (std::uint32_t i : {0u, 1u, 3u, 5u}) {
    const prefix_index::candidate* c = by8.first_unlike_earlier(i, kRows[i]);
    ASSERT_NE(c, nullptr) << i;
    EXPECT_EQ(c->row, i);
  }
  EXPECT_EQ(by8.first_unlike_earlier(2, kRows[2]), nullptr);
  EXPECT_EQ(by8.first_unlike_earlier(4, kRows[4]), nullptr);
  // The claim itself: which candidates take a row's lines.
  EXPECT_EQ(matching(by8, "Abcdefgh x"), (std::vector<std::uint32_t>{3, 4}));
  EXPECT_EQ(matching(by8, "Abcdefgh xz 1"), (std::vector<std::uint32_t>{5}));
  EXPECT_EQ(matching(by8, "Reading state information... Done"),
            (std::vector<std::uint32_t>{1, 2}));
}

// has_key_starting() by its definition: some key of the index begins with
// the candidate's literal (up to eight bytes).
TEST(PrefixIndex, HasKeyStartingIsAnyKeyWithTheLiteralsHead) {
  prefix_index by8(8), by4(4);
  for (std::uint32_t i : {0u, 1u, 2u, 4u, 5u}) by8.add(i, kLiterals[i], false);
  static const std::string kShort[] = {"Read", "Readi", "Readx", "Setting",
                                       "The ", "Thf ",  "Get:",  "Rea\xff"};
  for (std::uint32_t i = 0; i < 8; ++i) by4.add(i, kShort[i], false);
  by8.build();
  by4.build();
  const bool want[] = {true, true, false, true, true, false, false, false};
  for (std::uint32_t i = 0; i < 8; ++i) {
    for (const prefix_index::candidate& c : by4.candidates(kShort[i]))
      if (c.row == i) EXPECT_EQ(by8.has_key_starting(c), want[i]) << kShort[i];
  }
}

// same_bytes against memcmp: every length to 40, a difference at every
// place (and none), at every alignment.
TEST(PrefixIndex, SameBytesIsMemcmpsEquality) {
  std::string a(48, 'a'), b;
  for (std::size_t off = 0; off < 4; ++off)
    for (std::size_t n = 0; n <= 40; ++n)
      for (std::size_t at = 0; at <= n; ++at) {
        b = a;
        if (at < n) b[off + at] ^= static_cast<char>(at % 2 ? 0x80 : 0x01);
        ASSERT_EQ(prefix_index::same_bytes(a.data() + off, b.data() + off, n),
                  std::memcmp(a.data() + off, b.data() + off, n) == 0)
            << n << " " << at << " " << off;
      }
}

}  // namespace
}  // namespace aptparse::detail

#include "lines/line_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aptparse::detail {
namespace {

struct collected {
  std::vector<std::string> text;
  std::vector<position> where;
  std::vector<std::uint64_t> dropped;
};

collected split(std::string_view input, std::size_t chunk,
                std::size_t max_line = 1 << 20) {
  collected out;
  line_splitter s(max_line);
  auto on_line = [&](const raw_line& l) {
    out.text.emplace_back(l.text);
    out.where.push_back(l.where);
    out.dropped.push_back(l.dropped);
  };
  for (std::size_t i = 0; i < input.size(); i += chunk)
    s.feed(input.substr(i, chunk), on_line);
  s.finish(on_line);
  return out;
}

TEST(LineSplitter, SplitsAtNewlineCrlfAndLoneCr) {
  collected c = split("a\nb\r\nc\rd", 100);
  EXPECT_EQ(c.text, (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(c.where[1], (position{2, 2}));
  EXPECT_EQ(c.where[2], (position{3, 5}));
  EXPECT_EQ(c.where[3], (position{4, 7}));
}

TEST(LineSplitter, CrlfSplitAcrossChunksIsOneLineEnd) {
  for (std::size_t chunk = 1; chunk <= 6; ++chunk) {
    collected c = split("ab\r\ncd\r\n", chunk);
    EXPECT_EQ(c.text, (std::vector<std::string>{"ab", "cd"})) << chunk;
    EXPECT_EQ(c.where[1], (position{2, 4})) << chunk;
  }
}

TEST(LineSplitter, LastLineWithoutLineEndIsEmittedByFinish) {
  collected c = split("x\nlast", 3);
  ASSERT_EQ(c.text.size(), 2u);
  EXPECT_EQ(c.text[1], "last");
}

TEST(LineSplitter, EmptyInputGivesNoLines) {
  EXPECT_TRUE(split("", 1).text.empty());
}

TEST(LineSplitter, OverlongLineIsCutAndCountsDroppedBytes) {
  std::string big(1000, 'x');
  for (std::size_t chunk : {1u, 7u, 2000u}) {
    collected c = split(big + "\nok\n", chunk, 100);
    ASSERT_EQ(c.text.size(), 2u) << chunk;
    EXPECT_EQ(c.text[0].size(), 100u);
    EXPECT_EQ(c.dropped[0], 900u);
    EXPECT_EQ(c.text[1], "ok");
    EXPECT_EQ(c.dropped[1], 0u);
    EXPECT_EQ(c.where[1].offset, 1001u);
  }
}

TEST(LineSplitter, KeepsNulBytesInsideLines) {
  collected c = split(std::string_view("a\0b\n", 4), 1);
  ASSERT_EQ(c.text.size(), 1u);
  EXPECT_EQ(c.text[0], std::string("a\0b", 3));
}

}  // namespace
}  // namespace aptparse::detail

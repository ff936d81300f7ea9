#include "lines/line_splitter.h"

#include <gtest/gtest.h>

#include <random>
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

namespace aptparse::detail {
namespace {

// Lines of every length around the 64-byte blocks the splitter reads, with
// ESC bytes and "\r\n" / "\r" / "\n" ends at every position: the lines,
// their offsets and their escape flags must be those of a byte-at-a-time
// reference, fed whole (escape exact) and in chunks (escape never false
// for a line holding an ESC).
TEST(LineSplitter, BlockBoundariesKeepLinesOffsetsAndEscapeFlags) {
  std::mt19937 rng(7);
  const char* const ends[] = {"\n", "\r\n", "\r"};
  std::string input;
  struct want_line {
    std::string text;
    std::uint64_t offset;
  };
  std::vector<want_line> want;
  bool after_cr = false;
  for (int i = 0; i < 3000; ++i) {
    // After a lone "\r" an empty line would make "\r\n": one line end.
    const std::size_t len = rng() % 150 + (after_cr ? 1 : 0);
    std::string line(len, 'a');
    for (char& c : line) c = static_cast<char>('a' + rng() % 26);
    if (len > 0 && rng() % 4 == 0) line[rng() % len] = '\x1b';
    want.push_back({line, input.size()});
    input += line;
    const char* end = ends[rng() % 3];
    input += end;
    after_cr = std::string_view(end) == "\r";
  }
  for (std::size_t chunk :
       {input.size(), std::size_t{1}, std::size_t{63}, std::size_t{64},
        std::size_t{65}, std::size_t{97}}) {
    line_splitter s(1 << 20);
    std::vector<want_line> got;
    std::vector<bool> escape;
    auto on_line = [&](const raw_line& l) {
      got.push_back({std::string(l.text), l.where.offset});
      escape.push_back(l.escape);
    };
    for (std::size_t i = 0; i < input.size(); i += chunk)
      s.feed(std::string_view(input).substr(i, chunk), on_line);
    s.finish(on_line);
    ASSERT_EQ(got.size(), want.size()) << chunk;
    for (std::size_t k = 0; k < want.size(); ++k) {
      ASSERT_EQ(got[k].text, want[k].text) << chunk << " line " << k;
      ASSERT_EQ(got[k].offset, want[k].offset) << chunk << " line " << k;
      const bool has_esc = want[k].text.find('\x1b') != std::string::npos;
      if (chunk == input.size())
        ASSERT_EQ(escape[k], has_esc) << "line " << k;
      else if (has_esc)
        ASSERT_TRUE(escape[k]) << chunk << " line " << k;
    }
  }
}

}  // namespace
}  // namespace aptparse::detail

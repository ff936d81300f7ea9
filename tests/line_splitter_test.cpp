#include "lines/line_splitter.h"

#include <gtest/gtest.h>

#include <algorithm>
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

// scan_line (32 and 16 bytes at a time, control byte by control byte) must
// give what the byte loop gives: every length around the block sizes, the
// line end and an ESC at every place, tabs, other control bytes and
// non-ASCII bytes (which an unsigned compare must not take for controls).
TEST(ScanLine, AgreesWithTheByteLoop) {
  const char fill[] = {'a',    ' ',    '\t',   '\x1b', '\x01', '\x1a', '\x1c',
                       '\x7f', '\x80', '\xc3', '\xff', '(',    ':'};
  std::mt19937 rng(15);
  std::string buf;
  auto check = [&](std::size_t n) {
    for (std::size_t from = 0; from <= std::min<std::size_t>(n, 3); ++from) {
      const char* p = buf.data() + from;
      const char* stop = buf.data() + n;
      const scan_result got = scan_line(p, stop);
      const scan_result want = scan_line_bytewise(p, stop);
      ASSERT_EQ(got.end - p, want.end - p) << n << " " << from;
      ASSERT_EQ(got.escape, want.escape) << n << " " << from;
    }
  };
  for (std::size_t n = 0; n <= 100; ++n) {
    buf.assign(n, 'x');
    check(n);
    for (std::size_t at = 0; at < n; ++at) {
      for (char end : {'\n', '\r', '\x1b', '\t'}) {
        buf.assign(n, 'x');
        buf[at] = end;
        check(n);
        if (end != '\n' || n > 70) continue;
        for (std::size_t esc = 0; esc < n; ++esc) {  // an ESC before or after
          std::string keep = buf;
          if (esc != at) buf[esc] = '\x1b';
          check(n);
          buf = keep;
        }
      }
    }
    for (int round = 0; round < 200; ++round) {
      buf.resize(n);
      for (char& c : buf) c = fill[rng() % sizeof fill];
      if (n != 0 && round % 2 == 0) buf[rng() % n] = round % 4 ? '\n' : '\r';
      check(n);
    }
  }
}

}  // namespace
}  // namespace aptparse::detail

#include "lines/line_splitter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
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

// The splitter drops the cap test for a chunk whose rest is no longer than
// the cap (no line in it can be cut): lines of every length around the cap,
// fed in chunks of every size around it, are cut as a byte at a time cuts
// them (chunks of 1 byte go through the carried line, which has its own
// cap), on the per-line path and in runs (whose on_run must decline a line
// over the cap, for on_line to cut it).
TEST(LineSplitter, LinesAroundTheCapAreCutAlikeInChunksOfAnySize) {
  constexpr std::size_t cap = 16;
  std::mt19937 rng(16);
  const char* const ends[] = {"\n", "\r\n", "\r"};
  std::string input;
  for (int i = 0; i < 400; ++i) {
    const std::size_t len = rng() % 3 == 0 ? rng() % 6 : cap - 3 + rng() % 7;
    input += std::string(len, static_cast<char>('a' + i % 26));
    input += ends[rng() % 3];
  }
  const collected want = split(input, 1, cap);
  for (std::size_t chunk = 2; chunk <= 3 * cap + 4; ++chunk) {
    for (bool runs : {false, true}) {
      collected got;
      line_splitter s(cap);
      const auto keep = [&](std::string_view text, const position& where,
                            std::uint64_t dropped) {
        got.text.emplace_back(text);
        got.where.push_back(where);
        got.dropped.push_back(dropped);
      };
      const auto on_line = [&](const raw_line& l) {
        keep(l.text, l.where, l.dropped);
        return runs;
      };
      const auto on_run = [&](std::string_view text, const position& where) {
        keep(text, where, 0);
        return true;
      };
      for (std::size_t i = 0; i < input.size(); i += chunk)
        s.feed(std::string_view(input).substr(i, chunk), on_line, on_run);
      s.finish(on_line);
      ASSERT_EQ(got.text, want.text) << chunk << (runs ? " runs" : "");
      ASSERT_EQ(got.where, want.where) << chunk << (runs ? " runs" : "");
      ASSERT_EQ(got.dropped, want.dropped) << chunk << (runs ? " runs" : "");
    }
  }
}

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

// line_end_scanner walks a chunk's lines with one 64-byte control mask
// shared by the lines in it: each next(p), for p the start or the `next` it
// gave last, must be what the byte loop gives from p, and `next` past the
// line end ("\r\n" one). Lines of 0-150 bytes
// (several per block, and lines across blocks), every line end, ESC and
// other control bytes, ends of buffer at every length.
void expect_scanner_is_byte_loop(std::string_view buf, const char* what) {
  const char* const stop = buf.data() + buf.size();
  const char* p = buf.data();
  line_end_scanner scanner(p, stop);
  for (;;) {
    const scan_result got = scanner.next(p);
    const scan_result want = scan_line_bytewise(p, stop);
    ASSERT_EQ(got.end - buf.data(), want.end - buf.data()) << what;
    ASSERT_EQ(got.escape, want.escape)
        << what << " at " << (want.end - buf.data());
    if (want.end == stop) return;
    p = want.end + 1;
    if (*want.end == '\r' && p != stop && *p == '\n') ++p;
    ASSERT_EQ(got.next - buf.data(), p - buf.data())
        << what << " at " << (want.end - buf.data());
  }
}

TEST(LineEndScanner, AgreesWithTheByteLoop) {
  const char fill[] = {'a',    ' ',    '\t',   '\x1b', '\x01', '\x1a',
                       '\x1c', '\x7f', '\x80', '\xc3', '\xff'};
  const char* const ends[] = {"\n", "\r\n", "\r"};
  std::mt19937 rng(64);
  for (int round = 0; round < 3000; ++round) {
    std::string buf;
    const std::size_t lines = rng() % 12;
    for (std::size_t k = 0; k < lines; ++k) {
      std::string line(rng() % 150, 'x');
      for (char& c : line)
        if (rng() % 8 == 0) c = fill[rng() % sizeof fill];
      buf += line;
      buf += ends[rng() % 3];
    }
    buf.append(rng() % 70, 'y');  // an unfinished last line, maybe empty
    ASSERT_NO_FATAL_FAILURE(
        expect_scanner_is_byte_loop(buf, std::to_string(round).c_str()));
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every corpus log, whole: the scanner gives the byte loop's line ends and
// escape flags; and the splitter, fed the log whole and in chunks of 64,
// 65 and 4,093 bytes, gives the lines and offsets of a split by the
// definition.
TEST(LineEndScanner, CorpusLogsSplitAsTheByteLoopSplits) {
  namespace fs = std::filesystem;
  std::size_t files = 0;
  for (const auto& entry :
       fs::directory_iterator(APTPARSE_CORPUS_DIR "/logs")) {
    if (entry.path().extension() != ".log") continue;
    ++files;
    const std::string log = read_file(entry.path());
    const std::string name = entry.path().filename().string();
    ASSERT_NO_FATAL_FAILURE(expect_scanner_is_byte_loop(log, name.c_str()));
    std::vector<std::string> want;
    std::vector<std::uint64_t> want_offset;
    const char* const stop = log.data() + log.size();
    for (const char* p = log.data(); p != stop;) {
      const char* eol = scan_line_bytewise(p, stop).end;
      want.emplace_back(p, eol);
      want_offset.push_back(static_cast<std::uint64_t>(p - log.data()));
      if (eol == stop) break;
      p = eol + 1;
      if (*eol == '\r' && p != stop && *p == '\n') ++p;
    }
    for (std::size_t chunk : {log.size() + 1, std::size_t{64}, std::size_t{65},
                              std::size_t{4093}}) {
      const collected got = split(log, chunk);
      ASSERT_EQ(got.text, want) << name << " in chunks of " << chunk;
      for (std::size_t k = 0; k < want.size(); ++k)
        ASSERT_EQ(got.where[k].offset, want_offset[k]) << name << " " << k;
    }
  }
  EXPECT_GT(files, 100u);
}

}  // namespace
}  // namespace aptparse::detail

#include "lines/terminal_text.h"

#include <gtest/gtest.h>

namespace aptparse::detail {
namespace {

std::string strip(std::string_view s) {
  std::string scratch;
  return std::string(strip_terminal_controls(s, scratch));
}

TEST(TerminalText, LineWithoutEscapeIsReturnedAsIs) {
  std::string scratch;
  std::string_view in = "  foo bar";
  EXPECT_EQ(strip_terminal_controls(in, scratch).data(), in.data());
}

TEST(TerminalText, RemovesColourCodesInsideNames) {
  EXPECT_EQ(strip("  \x1b[32mlibc6\x1b[0m \x1b[1;31mtzdata\x1b[0m"),
            "  libc6 tzdata");
}

TEST(TerminalText, DropsTextDrawnBetweenCursorSaveAndRestore) {
  EXPECT_EQ(strip("\x1b"
                  "7\x1b[24;0f\x1b[42mProgress: [ 45%]\x1b[49m [###] \x1b"
                  "8Setting up x"),
            "Setting up x");
}

TEST(TerminalText, RemovesScrollRegionAndOscSequences) {
  EXPECT_EQ(strip("\x1b"
                  "7\x1b[0;23r\x1b"
                  "8\x1b[1A\x1b]0;title\x07text"),
            "text");
}

TEST(TerminalText, UnfinishedSequenceAtEndIsDropped) {
  EXPECT_EQ(strip("abc\x1b["), "abc");
  EXPECT_EQ(strip("abc\x1b"), "abc");
}

}  // namespace
}  // namespace aptparse::detail

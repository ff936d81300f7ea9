// The ordered output of `aptparse -j` (cli/ordered_output.h) and the spill
// files it keeps waiting output in (cli/spill_file.h), driven from one
// thread in the orders that threads can produce.
#include "cli/ordered_output.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "cli/spill_file.h"

namespace aptparse::cli {
namespace {

// Everything written to `f` so far.
std::string contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
    out.append(buf, n);
  return out;
}

// `bytes` bytes of lines naming `file`, so that a misplaced or stale byte
// shows.
std::string output_of(int file, std::size_t bytes) {
  std::string line = "file " + std::to_string(file) + " line\n";
  std::string out;
  while (out.size() + line.size() <= bytes) out += line;
  out.append(bytes - out.size(), '.');
  return out;
}

TEST(SpillFile, ReuseAfterACopyHoldsOnlyTheNewText) {
  auto spill = spill_file::make();
  ASSERT_NE(spill, nullptr);
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  ASSERT_TRUE(spill->append(output_of(1, 300000)));
  ASSERT_TRUE(spill->append("tail of 1\n"));
  EXPECT_TRUE(spill->copy_to(out));
  // Shorter than the first use: the file is not truncated, so its old
  // bytes past the new end must not be copied.
  ASSERT_TRUE(spill->append(output_of(2, 1000)));
  EXPECT_TRUE(spill->copy_to(out));
  EXPECT_TRUE(spill->copy_to(out));  // nothing appended: nothing copied
  EXPECT_EQ(contents(out),
            output_of(1, 300000) + "tail of 1\n" + output_of(2, 1000));
  std::fclose(out);
}

TEST(SpillFile, CopiesThroughABufferWhereSendfileIsRefused) {
  // sendfile(2) refuses an output opened for appending (EINVAL).
  char name[] = "/tmp/aptparse-spill-test-XXXXXX";
  const int fd = mkstemp(name);
  ASSERT_GE(fd, 0);
  ::close(fd);
  std::FILE* out = std::fopen(name, "a+");
  ::unlink(name);
  ASSERT_NE(out, nullptr);
  auto spill = spill_file::make();
  ASSERT_NE(spill, nullptr);
  ASSERT_TRUE(spill->append(output_of(3, 200000)));
  EXPECT_TRUE(spill->copy_to(out));
  EXPECT_EQ(contents(out), output_of(3, 200000));
  std::fclose(out);
}

// Files 1 and 3 spill before their turn, file 3 into the spill file that
// file 1's output left (shorter than file 1's); every file's output comes
// out whole and in order, and the workers' buffers come back empty.
TEST(OrderedOutput, SpilledFilesComeOutInOrderThroughAReusedSpillFile) {
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ordered_output out(f, false);
  std::string notes;
  auto note = [&](int file) {
    return [&notes, file] { notes += std::to_string(file); };
  };

  std::string one = output_of(1, 12 * kMiB);  // over the 8 MiB kept
  out.write(1, one);
  EXPECT_TRUE(one.empty()) << "file 1 should have spilled";
  std::string text = "the rest of file 1\n";
  out.finish(1, text, note(1));
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(notes, "");

  text = output_of(0, 1000);
  out.write(0, text);  // file 0's turn: written straight through
  EXPECT_TRUE(text.empty());
  text = "the rest of file 0\n";
  out.finish(0, text, note(0));  // hands the turn on through file 1
  EXPECT_EQ(notes, "01");

  std::string three = output_of(3, 9 * kMiB);
  out.write(3, three);
  EXPECT_TRUE(three.empty()) << "file 3 should have spilled";
  text = "the rest of file 3\n";
  out.finish(3, text, note(3));
  text = output_of(2, 5000);
  out.finish(2, text, note(2));
  EXPECT_EQ(notes, "0123");
  EXPECT_FALSE(out.lost_output());

  EXPECT_EQ(contents(f), output_of(0, 1000) + "the rest of file 0\n" +
                             output_of(1, 12 * kMiB) + "the rest of file 1\n" +
                             output_of(2, 5000) + output_of(3, 9 * kMiB) +
                             "the rest of file 3\n");
  std::fclose(f);
}

// A small file's output that waits for its turn stays in memory, and the
// worker keeps its buffer's capacity for the next file.
TEST(OrderedOutput, SmallWaitingOutputIsKeptAndTheBufferReturned) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ordered_output out(f, false);
  std::string text = output_of(1, 3000);
  text.reserve(1 << 16);
  const std::size_t capacity = text.capacity();
  out.finish(1, text, [] {});
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(text.capacity(), capacity);
  EXPECT_EQ(contents(f), "");
  std::string first = "file 0\n";
  out.finish(0, first, [] {});
  EXPECT_EQ(contents(f), "file 0\n" + output_of(1, 3000));
  std::fclose(f);
}

}  // namespace
}  // namespace aptparse::cli

// The progress meter of `aptparse --progress` (cli/progress.h): when its
// lines are written, and what they say.
#include "cli/progress.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace aptparse::cli {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

// Everything written to `f` so far.
std::string contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
    out.append(buf, n);
  return out;
}

// What a meter with this delay writes to a file (not a terminal) for a run
// of `files` files that ends as soon as it starts.
std::string run_that_ends_at_once(milliseconds delay, int files) {
  std::FILE* err = std::tmpfile();
  {
    progress_meter meter(err, false, delay, hours(1), files, 0);
    for (int i = 0; i < files; ++i) meter.file_done();
  }
  std::string out = contents(err);
  std::fclose(err);
  return out;
}

// `--progress` forces the meter (delay 0): its last line, with every file
// done, must be written even when the run ends before the meter's thread
// first wakes (it was not, under load, and a forced meter wrote nothing).
TEST(ProgressMeter, AForcedMeterWritesTheLastLineHoweverSoonTheRunEnds) {
  for (int round = 0; round < 300; ++round) {
    const std::string out = run_that_ends_at_once(milliseconds(0), 3);
    ASSERT_FALSE(out.empty()) << "round " << round;
    const std::size_t last = out.rfind("aptparse: ");
    ASSERT_NE(last, std::string::npos) << out;
    EXPECT_EQ(out.compare(last, 24, "aptparse: 3/3 files, 0 B"), 0) << out;
    EXPECT_EQ(out.back(), '\n');
  }
}

// Without --progress on a terminal the meter waits `delay`: a run shorter
// than that shows nothing at all.
TEST(ProgressMeter, ARunShorterThanTheDelayWritesNothing) {
  EXPECT_EQ(run_that_ends_at_once(milliseconds(3'600'000), 3), "");
}

TEST(ProgressMeter, TheLineGivesFilesBytesRateAndTimeLeft) {
  EXPECT_EQ(progress_meter::line(1, 4, 500'000, 2'000'000, 1.0),
            "aptparse: 1/4 files, 500.0 kB of 2.0 MB, 500.0 kB/s, ETA 0:03");
  // Standard input: no total size, so no ETA.
  EXPECT_EQ(progress_meter::line(0, 1, 0, 0, 0.0),
            "aptparse: 0/1 files, 0 B, 0 B/s");
}

}  // namespace
}  // namespace aptparse::cli

// Streaming is exact: every input, fed in chunks of every size from 1 to 64
// and at random split points, gives exactly the events of feeding it whole.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "aptparse/parser.h"
#include "support/corpus_files.h"
#include "support/event_trace.h"
#include "support/rewritten_logs.h"
#include "support/samples.h"

namespace aptparse {
namespace {

using testing::event_trace;

// The parser's counters belong in the trace too: they must not depend on
// the chunking either.
std::string with_stats(const parser& p, std::string trace) {
  const parse_stats& s = p.stats();
  return trace + fmt::format(
                     "stats bytes={} lines={} noise={} unrecognized={} "
                     "transactions={} packages={}\n",
                     s.bytes, s.lines, s.noise_lines, s.unrecognized_lines,
                     s.transactions, s.packages);
}

std::string trace_whole(std::string_view input) {
  event_trace t;
  parser p(t);
  EXPECT_TRUE(p.feed(input).ok());
  EXPECT_TRUE(p.finish().ok());
  return with_stats(p, t.text);
}

std::string trace_chunks(std::string_view input,
                         const std::vector<std::size_t>& cuts) {
  event_trace t;
  parser p(t);
  std::size_t start = 0;
  for (std::size_t cut : cuts) {
    EXPECT_TRUE(p.feed(input.substr(start, cut - start)).ok());
    start = cut;
  }
  EXPECT_TRUE(p.feed(input.substr(start)).ok());
  EXPECT_TRUE(p.finish().ok());
  return with_stats(p, t.text);
}

// 1 + 4 * round cut points in [0, size], sorted: round r of the random
// chunkings every chunking test runs.
std::vector<std::size_t> random_cuts(std::size_t size, int round,
                                     std::mt19937_64& rng) {
  std::vector<std::size_t> cuts;
  std::uniform_int_distribution<std::size_t> pick(0, size);
  for (int k = 0; k < 1 + round * 4; ++k) cuts.push_back(pick(rng));
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

void expect_chunking_exact(std::string_view input) {
  const std::string whole = trace_whole(input);
  for (std::size_t size = 1; size <= 64; ++size) {
    event_trace t;
    parser p(t);
    for (std::size_t i = 0; i < input.size(); i += size)
      ASSERT_TRUE(p.feed(input.substr(i, size)).ok());
    ASSERT_TRUE(p.finish().ok());
    ASSERT_EQ(with_stats(p, t.text), whole) << "chunk size " << size;
  }
  std::mt19937_64 rng(input.size());
  for (int round = 0; round < 16; ++round)
    ASSERT_EQ(trace_chunks(input, random_cuts(input.size(), round, rng)), whole)
        << "random round " << round;
}

class SampleChunking : public ::testing::TestWithParam<testing::sample> {};

TEST_P(SampleChunking, AnyChunkingGivesTheEventsOfTheWholeInput) {
  expect_chunking_exact(GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleChunking,
                         ::testing::ValuesIn(testing::kSamples),
                         [](const auto& info) {
                           return std::string(info.param.name);
                         });

class CorpusChunking : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusChunking, AnyChunkingGivesTheEventsOfTheWholeLog) {
  expect_chunking_exact(
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log")));
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusChunking,
                         ::testing::ValuesIn(testing::corpus_logs()),
                         testing::corpus_param_name{});

// Under options::strict the parse stops at the violating line whatever the
// chunking: the events, counters and status are those of the whole input,
// whether the caller stops feeding at the first failed status (as the CLI
// and parse_file do) or goes on.
std::string trace_strict(std::string_view input, const options& opts,
                         const std::vector<std::size_t>& cuts,
                         bool stop_at_failure) {
  event_trace t;
  parser p(t, opts);
  std::size_t start = 0;
  bool failed = false;
  for (std::size_t cut : cuts) {
    failed = !p.feed(input.substr(start, cut - start)).ok();
    start = cut;
    if (failed && stop_at_failure) break;
  }
  if (!(failed && stop_at_failure)) (void)p.feed(input.substr(start));
  const status st = p.finish();
  return with_stats(p, t.text) + fmt::format("status {} line {} offset {}\n",
                                             error_name(st.code), st.where.line,
                                             st.where.offset);
}

void expect_strict_chunking_exact(std::string_view input, const options& opts) {
  const std::string whole = trace_strict(input, opts, {}, true);
  ASSERT_NE(whole.find("status strict_violation"), std::string::npos);
  for (bool stop : {true, false}) {
    for (std::size_t size = 1; size <= 64; ++size) {
      std::vector<std::size_t> cuts;
      for (std::size_t i = size; i < input.size(); i += size) cuts.push_back(i);
      ASSERT_EQ(trace_strict(input, opts, cuts, stop), whole)
          << "chunk size " << size << (stop ? ", stopping" : "");
    }
    std::mt19937_64 rng(input.size());
    for (int round = 0; round < 16; ++round)
      ASSERT_EQ(trace_strict(input, opts, random_cuts(input.size(), round, rng),
                             stop),
                whole)
          << "random round " << round;
  }
}

TEST(StrictChunking, AnUnknownLineInAListStopsTheParseThere) {
  options opts;
  opts.strict = true;
  expect_strict_chunking_exact(
      "Reading package lists...\nThe following packages will be upgraded:\n"
      "  a b\n?? not a list item\n"
      "2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"
      "Reading package lists...\nThe following NEW packages will be "
      "installed:\n  c\n0 upgraded, 1 newly installed, 0 to remove and 0 "
      "not upgraded.\n",
      opts);
}

TEST(StrictChunking, AnOverlongLineStopsTheParseThere) {
  options opts;
  opts.strict = true;
  opts.max_line_bytes = 40;
  expect_strict_chunking_exact(
      "Reading package lists...\nThe following packages will be upgraded:\n"
      "  a b\n"
      "2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"
      "W: a warning long enough to pass the cap of forty bytes\n"
      "Reading package lists...\nThe following NEW packages will be "
      "installed:\n  c\n",
      opts);
}

TEST(StrictChunking, ACutOffTransactionFailsAtTheNextRunOrTheEnd) {
  options opts;
  opts.strict = true;
  expect_strict_chunking_exact(testing::kTruncated, opts);
  expect_strict_chunking_exact(
      "Reading package lists...\nThe following packages will be upgraded:\n"
      "  a\n\nReading package lists...\nThe following NEW packages will be "
      "installed:\n  c\n0 upgraded, 1 newly installed, 0 to remove and 0 "
      "not upgraded.\n",
      opts);
}

// apt's log records, whole and damaged: a record without its End-Date, a
// time that does not parse, an Error over two lines, a cut Install: line.
constexpr std::string_view kDamagedRecords =
    "\nStart-Date: 2026-11-27  05:56:57\nInstall: a:amd64 (1.0)\n"
    "\nStart-Date: 2026-13-27  05:58:00\nCommandline: apt-get install b\n"
    "Requested-By: alice (1000)\nInstall: b:amd64 (2.0, automatic)\n"
    "Error: Sub-process /usr/bin/dpkg returned an error code (1)\nmore\n"
    "End-Date: 2026-11-27  05:58:05\n"
    "\nLog started: 2026-11-27  05:59:00\nLog ended: 2026-11-27  05:59:00\n"
    "\nStart-Date: 2026-11-27  06:00:00\nInstall: c:amd64 (3.0), d:amd64 (4.";

// Samples as syslog writes them, with another program's lines (a different
// tag) between apt's, and as the journal shows them (leading blanks
// dropped): the sender and the lost indent pass from line to line.
TEST(SyslogChunking, SyslogAndJournalLinesGiveTheEventsOfTheWholeInput) {
  for (const testing::sample& s : testing::kSamples) {
    for (bool journal : {false, true}) {
      std::string text;
      std::size_t n = 0;
      for (std::size_t i = 0; i < s.text.size(); ++n) {
        const std::size_t nl = std::min(s.text.find('\n', i), s.text.size());
        std::string_view line = s.text.substr(i, nl - i);
        if (journal)
          while (!line.empty() && line[0] == ' ') line.remove_prefix(1);
        text += fmt::format("Jan {:2} 20:56:{:02} web apt-get[42]: {}\n",
                            n % 31 + 1, n % 60, line);
        if (n % 4 == 1)
          text += "Jan  1 20:56:33 web systemd[1]: Started Session 5.\n";
        i = nl + 1;
      }
      SCOPED_TRACE(fmt::format("{} journal={}", s.name, journal));
      expect_chunking_exact(text);
    }
  }
}

TEST(RecordChunking, DamagedLogRecordsGiveTheEventsOfTheWholeInput) {
  expect_chunking_exact(kDamagedRecords);
}

TEST(StrictChunking, ALogRecordWithoutItsEndFailsAtTheNextRecord) {
  options opts;
  opts.strict = true;
  expect_strict_chunking_exact(kDamagedRecords, opts);
}

// Quoted the way documents quote it, each log with one of the prefixes in
// turn: the prefix stage's state passes from line to line, never through a
// chunk.
TEST_P(CorpusChunking, AnyChunkingGivesTheEventsOfTheWholeQuotedLog) {
  static constexpr std::string_view kPrefixes[] = {"    ", "> ",     "\t",
                                                   "#> ",  "    > ", "  "};
  const std::string& name = GetParam();
  const std::string_view prefix =
      kPrefixes[std::hash<std::string>{}(name) % std::size(kPrefixes)];
  expect_chunking_exact(testing::quoted(
      testing::read_file(testing::corpus_dir() / (name + ".log")), prefix));
}

TEST(CorpusChunking, CorpusIsNotEmpty) {
  EXPECT_GE(testing::corpus_logs().size(), 1u)
      << "no logs in " << testing::corpus_dir();
}

}  // namespace
}  // namespace aptparse

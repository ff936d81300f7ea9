// Runs of lines (lines/line_runs.h) are exact: with runs the parser
// gives every event, position, offset, counter and status that the
// per-line path gives, fed whole or in chunks of any size, under strict
// mode, quote and CI prefixes, terminal controls and max_line_bytes.
#include "lines/line_runs.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "aptparse/parser.h"
#include "lines/line_start.h"
#include "support/corpus_files.h"
#include "support/event_trace.h"

namespace aptparse {
namespace {

using testing::event_trace;

// Sets detail::line_runs for the parsers made in its scope.
class runs_switch {
 public:
  explicit runs_switch(bool on) : was_(detail::line_runs()) {
    detail::set_line_runs(on);
  }
  ~runs_switch() { detail::set_line_runs(was_); }
  runs_switch(const runs_switch&) = delete;
  runs_switch& operator=(const runs_switch&) = delete;

 private:
  bool was_;
};

std::string status_text(const status& s) {
  return fmt::format("{}@{}:{}", static_cast<int>(s.code), s.where.line,
                     s.where.offset);
}

// The events, counters and statuses of one parse; `chunk` 0: whole.
std::string trace(std::string_view input, const options& opts,
                  std::size_t chunk, bool runs) {
  const runs_switch with(runs);
  event_trace t;
  parser p(t, opts);
  // The first failed feed (strict mode), whichever chunk it was.
  status fed;
  const auto feed = [&](std::string_view part) {
    const status s = p.feed(part);
    if (fed.ok()) fed = s;
  };
  if (chunk == 0) {
    feed(input);
  } else {
    for (std::size_t i = 0; i < input.size(); i += chunk)
      feed(input.substr(i, chunk));
  }
  std::string statuses = status_text(fed) + " ";
  statuses += status_text(p.finish());
  const parse_stats& s = p.stats();
  return t.text + fmt::format(
                      "stats bytes={} lines={} noise={} unrecognized={} "
                      "transactions={} packages={}\nstatus {}\n",
                      s.bytes, s.lines, s.noise_lines, s.unrecognized_lines,
                      s.transactions, s.packages, statuses);
}

constexpr std::size_t kChunks[] = {0, 1, 63, 64, 65, 4093};

// With runs, each chunking gives the per-line path's whole-input trace.
void expect_runs_exact(std::string_view input, const options& opts,
                       const std::string& what) {
  const std::string reference = trace(input, opts, 0, false);
  for (std::size_t chunk : kChunks) {
    ASSERT_EQ(trace(input, opts, chunk, true), reference)
        << what << ", chunk " << chunk;
  }
}

// Pieces of a log: list headers, item lines of every shape the list
// tokeniser reads, apt's, dpkg's and the logs' lines that plain runs take,
// and each kind of line that must end a run.
std::string random_line(std::mt19937_64& rng) {
  static const char* const kHeaders[] = {
      "The following NEW packages will be installed:",
      "The following packages will be upgraded:",
      "The following packages will be REMOVED:",
      "The following additional packages will be installed:",
      "The following packages have unmet dependencies:",
      "Suggested packages:",
      "The following packages have been kept back:",
  };
  static const char* const kTokens[] = {
      "foo",       "libbar2:i386",      "baz*", "|",     "(1.0-1 => 1.1-1)",
      "(2:3.4-5)", "(due to libc-bin)", "qux+", "a.b-c", "x:amd64*",
      ":",         "Depends:",          "(",    ")",     "((nested) x)",
      "z"};
  static const char* const kOthers[] = {
      "Reading package lists... Done",
      "0 upgraded, 2 newly installed, 1 to remove and 0 not upgraded.",
      "Inst foo (1.0 Debian:12/stable [amd64])",
      "Conf foo (1.0 Debian:12/stable [amd64])",
      "not a line of apt",
      "Need to get 1,234 kB of archives.",
      "E: Unable to locate package nothere",
      "> The following NEW packages will be installed:",
      ">   foo bar",
      "> ",
      "2024-05-01T10:00:00.1234567Z   libfoo libbar",
      "2024-05-01T10:00:00.1234567Z The following packages will be upgraded:",
      "##[group]Run apt-get install foo",
      "$ sudo apt-get install foo",
      "```",
      "Start-Date: 2024-05-01  10:00:00",
      "End-Date: 2024-05-01  10:00:05",
      "Commandline: apt-get install foo",
      "Install: foo:amd64 (1.0), bar:amd64 (2.0, automatic)",
      "Error: Sub-process /usr/bin/dpkg returned an error code (1)",
      "2024-05-01 10:00:01 install foo:amd64 <none> 1.0",
      "2024-05-01 10:00:02 status installed foo:amd64 1.0",
      "Remv bar [2.0]",
      "Inst foo [1.0] (1.1 Debian:12/stable [amd64])",
      "Setting up foo (1.1) ...",
      "Listing... Done",
      "foo/stable 1.1 amd64 [upgradable from: 1.0]",
      "W: Some index files failed to download.",
      "\vvertical tab",
      "\f",
      "\x1b[33mWARNING:\x1b[0m coloured",
  };
  const auto pick = [&](std::size_t n) { return rng() % n; };
  switch (pick(11)) {
    case 10: {  // any first byte but a line end: the run gate's every case
      char first = static_cast<char>(1 + pick(255));
      if (first == '\n' || first == '\r') first = '\0';
      return std::string(1, first) + (pick(2) ? " foo bar" : "");
    }
    case 0:
      return kHeaders[pick(std::size(kHeaders))];
    case 1:
      return kOthers[pick(std::size(kOthers))];
    case 2: {  // blank, or white space alone
      static const char* const kBlank[] = {"", " ", "\t", "   ", " \t "};
      return kBlank[pick(std::size(kBlank))];
    }
    default: {  // an item line
      std::string line(1 + pick(4), ' ');
      if (pick(6) == 0) line[pick(line.size())] = '\t';
      const std::size_t tokens = 1 + pick(6);
      for (std::size_t k = 0; k < tokens; ++k) {
        if (k != 0) line.append(1 + pick(3), pick(5) == 0 ? '\t' : ' ');
        line += kTokens[pick(std::size(kTokens))];
      }
      if (pick(5) == 0) line.append(1 + pick(3), pick(2) ? ' ' : '\t');
      if (pick(15) == 0) line.insert(pick(line.size() + 1), "\x1b[1m");
      if (pick(20) == 0) line += std::string(30 + pick(60), 'w');
      if (pick(25) == 0) line = "> " + line;
      return line;
    }
  }
}

std::string random_log(std::mt19937_64& rng) {
  static const char* const kEnds[] = {"\n", "\n", "\n", "\r\n", "\r"};
  std::string log;
  const std::size_t lines = 1 + rng() % 120;
  for (std::size_t i = 0; i < lines; ++i) {
    log += random_line(rng);
    if (i + 1 < lines || rng() % 4 != 0) log += kEnds[rng() % std::size(kEnds)];
  }
  return log;
}

TEST(LineRuns, RandomListsGiveThePerLinePathsEvents) {
  std::mt19937_64 rng(20261128);
  for (int round = 0; round < 400; ++round) {
    const std::string log = random_log(rng);
    options opts;
    opts.strict = round % 3 == 0;
    if (round % 4 == 1) opts.max_line_bytes = 24 + rng() % 48;
    expect_runs_exact(log, opts, fmt::format("round {}", round));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

// The run gate's table (kRunStarts) is the rule it replaced, byte by
// byte: a line end is a blank line's; a byte that start_of finds plain
// goes to plain_run_line unless the trims take it for white space ('\v',
// '\f'); an indent to list_run_line; a month's capital to the syslog test;
// the rest the per-line way.
TEST(LineRuns, RunStartOfEveryByteIsStartOfsAndTheTrims) {
  using detail::run_start;
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    run_start want = run_start::other;
    if (c == '\n' || c == '\r') {
      want = run_start::blank;
    } else {
      const detail::line_start start =
          detail::start_of(std::string_view(&c, 1));
      if (start == detail::line_start::indent)
        want = run_start::indent;
      else if (start == detail::line_start::plain && !detail::is_space(c))
        want = run_start::plain;
      else if (start == detail::line_start::month)
        want = run_start::month;
    }
    EXPECT_EQ(static_cast<int>(detail::kRunStarts[b]), static_cast<int>(want))
        << "byte " << b;
  }
}

// A run's lines count, move the transaction's last line and end offset,
// and the run ends at the first line that is not an item.
TEST(LineRuns, ARunKeepsPositionsOffsetsAndCounters) {
  const std::string log =
      "The following NEW packages will be installed:\n"
      "  a b\n"
      "  c:i386\r\n"
      "\t d* \n"
      "  e (1.0)\r"
      "0 upgraded, 5 newly installed, 0 to remove and 0 not upgraded.\n";
  expect_runs_exact(log, options{}, "list");
  const std::string t = trace(log, options{}, 0, true);
  EXPECT_NE(t.find("package 5:68 newly_installed name=e"), std::string::npos)
      << t;
  EXPECT_NE(t.find("end 1:0 .. 6:78 end_offset=140"), std::string::npos) << t;
  EXPECT_NE(t.find("lines=6 "), std::string::npos) << t;
}

// Every real log, whole and in chunks, with runs and strict mode off and on.
TEST(LineRuns, CorpusLogsGiveThePerLinePathsEvents) {
  int logs = 0;
  for (const char* dir : {"logs", "wild"}) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(
             std::filesystem::path(APTPARSE_CORPUS_DIR) / dir, ec))
      if (e.path().extension() == ".log") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const std::string text = testing::read_file(f);
      expect_runs_exact(text, options{}, f.filename().string());
      options strict;
      strict.strict = true;
      const std::string reference = trace(text, strict, 0, false);
      for (std::size_t chunk : {std::size_t{0}, std::size_t{64}})
        ASSERT_EQ(trace(text, strict, chunk, true), reference)
            << f << " strict, chunk " << chunk;
      if (::testing::Test::HasFatalFailure()) return;
      ++logs;
    }
  }
  EXPECT_GT(logs, 300);
}

}  // namespace
}  // namespace aptparse

// CI prefixes: unit tests of the stripping, and every corpus log rewritten
// the way BuildKit and GitHub Actions write logs must give the transactions
// of the clean log.
#include "lines/ci_prefix.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "aptparse/aptparse.h"
#include "support/corpus_files.h"
#include "support/rewritten_logs.h"

namespace aptparse {
namespace {

using detail::strip_ci_prefix;
using testing::content;
using testing::with_prefix;

TEST(CiPrefix, BuildKitLogLineLosesItsStepAndTime) {
  auto r = strip_ci_prefix("#7 12.34 Reading package lists...");
  EXPECT_EQ(r.text, "Reading package lists...");
  EXPECT_EQ(r.kind, line_prefix::buildkit);
  EXPECT_FALSE(r.ci_status);
  EXPECT_EQ(strip_ci_prefix("#12 0.512   libc6 tzdata").text, "  libc6 tzdata");
}

TEST(CiPrefix, BuildKitStatusLinesAreTheCiSystems) {
  EXPECT_TRUE(strip_ci_prefix("#7 [2/3] RUN apt-get update").ci_status);
  EXPECT_TRUE(strip_ci_prefix("#7 DONE 12.3s").ci_status);
}

TEST(CiPrefix, GitHubTimestampIsStripped) {
  auto r = strip_ci_prefix("2024-05-01T10:00:00.1234567Z   libc6 tzdata");
  EXPECT_EQ(r.text, "  libc6 tzdata");
  EXPECT_EQ(r.kind, line_prefix::github_actions);
  EXPECT_TRUE(
      strip_ci_prefix("2024-05-01T10:00:00Z ##[group]Run apt").ci_status);
  EXPECT_EQ(strip_ci_prefix("2024-05-01T10:00:00.5Z").text, "");
}

TEST(CiPrefix, SyslogBsdTimeHostAndTagAreStripped) {
  // rsyslog's traditional format (delphix/appliance-build#414): the tag
  // holds a colon; the message keeps apt's list indent.
  auto r = strip_ci_prefix(
      "Jan 24 20:56:33 ps-67598 upgrade-scripts:execute[5048]:   dh-python*");
  EXPECT_EQ(r.text, "  dh-python*");
  EXPECT_EQ(r.kind, line_prefix::syslog);
  EXPECT_FALSE(r.ci_status);
  EXPECT_EQ(r.source, "ps-67598 upgrade-scripts:execute[5048]:");
  // The day is padded with a blank; journalctl's "short" is the same.
  r = strip_ci_prefix("Jun  9 17:47:35 ps-64201-8 apt-get[19743]: E: x");
  EXPECT_EQ(r.text, "E: x");
  EXPECT_EQ(r.source, "ps-64201-8 apt-get[19743]:");
  EXPECT_EQ(strip_ci_prefix("Dec 31 23:59:59 h kernel:").text, "");
}

TEST(CiPrefix, SyslogRfc3339TimesAreStripped) {
  for (std::string_view time :
       {"2026-01-24T20:56:33.123456+00:00",  // rsyslog's RSYSLOG_FileFormat
        "2026-01-24T20:56:33+0000",          // journalctl -o short-iso
        "2026-01-24T20:56:33.123456-0500",   // -o short-iso-precise
        "2026-01-24T20:56:33+01:00"}) {
    const std::string line = std::string(time) + " host apt[7]: Reading";
    auto r = strip_ci_prefix(line);
    EXPECT_EQ(r.text, "Reading") << time;
    EXPECT_EQ(r.kind, line_prefix::syslog) << time;
    EXPECT_EQ(r.source, "host apt[7]:") << time;
  }
}

TEST(CiPrefix, LinesWithoutAPrefixAreLeftAlone) {
  for (std::string_view line :
       {"2026-11-27 05:23:16 upgrade libzstd1:amd64 1.5 1.6",  // dpkg.log
        "Start-Date: 2026-11-27  05:18:45", "#", "# APT news", "#7", "#x 1.2 y",
        "12 upgraded, 0 newly installed", "2024-05-01T10:00:00",
        "2024-05-01T10:00:00.Z x", "  libc6",
        // apt's lines that start with a month's capital
        "Setting up libc6:amd64 (2.36-9+deb12u10) ...",
        "Selecting previously unselected package jq.",
        "Need to get 1,234 kB of archives.", "Do you want to continue? [Y/n]",
        "After this operation, 12.3 MB of additional disk space will be used.",
        "Fetched 1,234 kB in 1s (1,234 kB/s)", "Note, selecting 'x' for 'y'",
        "Media change: please insert the disc labeled",
        "Summary:", "Jan 24 20:56:33", "Jan 24 20:56:33 host",
        // near misses: day not padded, no tag, tag without ':', no month,
        // a seconds field cut, a blank inside the host's place
        "Jan 4 20:56:33 host apt[1]: x", "Jan 24 20:56:33 host apt[1] x",
        "Jab 24 20:56:33 host apt[1]: x", "JAN 24 20:56:33 host apt[1]: x",
        "Jan 24 20:56:3 host apt[1]: x", "Jan 24 20:56:33  apt[1]: x",
        "Jan 24 20:56:33 host apt[1]:x",
        // an RFC 3339 time without offset, a cut offset, no host
        "2026-01-24T20:56:33 host apt[1]: x",
        "2026-01-24T20:56:33+00: host apt[1]: x",
        "2026-01-24T20:56:33+00:00 apt[1]:"}) {
    auto r = strip_ci_prefix(line);
    EXPECT_EQ(r.text, line);
    EXPECT_EQ(r.kind, line_prefix::none) << line;
  }
}

TEST(CiPrefix, ACheapShapeTestLetsApt3LinesWithAMonthsCapitalPass) {
  EXPECT_FALSE(detail::may_be_bsd_syslog("Setting up libc6 (2.36) ..."));
  EXPECT_FALSE(detail::may_be_bsd_syslog("Jan 24 20:56:33"));
  EXPECT_TRUE(detail::may_be_bsd_syslog("Jan 24 20:56:33 h t: x"));
}

// The first lines of a real journal (a Docker build run by a unit, from
// okwolf/digital-ocean-docker's README): the journal dropped the leading
// blanks of every message, apt's list indent with them.
constexpr std::string_view kJournalRun =
    "-- Logs begin at Sat 2016-04-23 03:02:58 UTC. --\n"
    "Apr 23 03:03:49 web bash[1011]: Reading package lists...\n"
    "Apr 23 03:03:49 web bash[1011]: Building dependency tree...\n"
    "Apr 23 03:03:49 web bash[1011]: Reading state information...\n"
    "Apr 23 03:03:50 web bash[1011]: The following extra packages will be "
    "installed:\n"
    "Apr 23 03:03:50 web bash[1011]: binutils cpp\n"
    "Apr 23 03:03:50 web bash[1011]: make\n"
    "Apr 23 03:03:50 web bash[1011]: Suggested packages:\n"
    "Apr 23 03:03:50 web bash[1011]: binutils-doc\n"
    "Apr 23 03:03:50 web bash[1011]: The following NEW packages will be "
    "installed:\n"
    "Apr 23 03:03:50 web bash[1011]: binutils cpp gcc\n"
    "Apr 23 03:03:50 web bash[1011]: make\n"
    "Apr 23 03:03:51 web bash[1011]: 0 upgraded, 4 newly installed, 0 to "
    "remove and 5 not upgraded.\n"
    "Apr 23 03:03:51 web bash[1011]: Need to get 46.9 MB of archives.\n";

// `text` parsed in chunks of `size` bytes.
report parse_chunked(std::string_view text, std::size_t size) {
  report_builder b;
  parser p(b);
  for (std::size_t i = 0; i < text.size(); i += size)
    EXPECT_TRUE(p.feed(text.substr(i, size)).ok());
  EXPECT_TRUE(p.finish().ok());
  return b.take_report();
}

// Every line of `log` with its sender's prefix, the way the journal shows
// it ("short") or rsyslog writes it (RFC 3339), the time moving on by line.
std::string as_syslog(std::string_view log, bool rfc3339) {
  return with_prefix(log, [&](std::size_t n, std::string_view) {
    return rfc3339 ? fmt::format(
                         "2026-01-{:02}T20:{:02}:{:02}.{:06}+01:00 "
                         "ps-67598 upgrade-scripts:execute[5048]: ",
                         n % 28 + 1, n / 60 % 60, n % 60, n * 7919)
                   : fmt::format("Jan {:2} 20:56:{:02} ps-67598 apt-get[42]: ",
                                 n % 31 + 1, n % 60);
  });
}

TEST(SyslogPrefix, AJournalRunWhoseItemsLostTheirIndentIsRead) {
  const report r = parse(kJournalRun);
  ASSERT_EQ(r.transactions.size(), 1u);
  const transaction& t = r.transactions[0];
  EXPECT_EQ(t.span.prefix, line_prefix::syslog);
  EXPECT_EQ(t.set(pkg_set::newly_installed).size(), 4u);
  EXPECT_EQ(t.set(pkg_set::additional).size(), 3u);
  EXPECT_EQ(t.set(pkg_set::suggested).size(), 1u);
  ASSERT_TRUE(t.counts);
  EXPECT_EQ(t.counts->newly_installed, 4u);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
}

TEST(SyslogPrefix, OtherProgramsLinesInsideAListAreNoise) {
  // systemd and the kernel log between apt's lines: inside a list they are
  // not items; the run reads as it does without them.
  std::string mixed;
  std::size_t n = 0;
  for (std::size_t i = 0; i < kJournalRun.size();) {
    const std::size_t nl = kJournalRun.find('\n', i) + 1;
    mixed.append(kJournalRun.substr(i, nl - i));
    if (++n % 3 == 0)
      mixed += n % 2 ? "Apr 23 03:03:50 web systemd[1]: Started Session 5.\n"
                     : "Apr 23 03:03:50 web kernel: [ 12.3] eth0: link up\n";
    i = nl;
  }
  const report clean = parse(kJournalRun);
  for (std::size_t size : {std::size_t{1}, std::size_t{7}, mixed.size()}) {
    const report r = parse_chunked(mixed, size);
    ASSERT_EQ(r.transactions.size(), 1u) << size;
    EXPECT_EQ(r.transactions[0].set(pkg_set::newly_installed).size(), 4u);
    EXPECT_EQ(r.transactions[0].set(pkg_set::additional).size(), 3u);
    EXPECT_EQ(r.transactions[0].counts, clean.transactions[0].counts);
    EXPECT_EQ(r.transactions[0].consistency.verdict,
              consistency_verdict::consistent)
        << size;
  }
}

class PrefixedCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(PrefixedCorpus, PrefixedLogGivesTheTransactionsOfTheCleanLog) {
  const std::string log =
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log"));
  const report clean = parse(log);
  const auto buildkit = with_prefix(log, [](std::size_t n, std::string_view) {
    return fmt::format("#7 {}.{:03} ", n / 100, n % 1000);
  });
  const auto github = with_prefix(log, [](std::size_t n, std::string_view) {
    return fmt::format("2024-05-01T10:{:02}:{:02}.{:07}Z ", n / 60 % 60, n % 60,
                       n * 7919 % 10000000);
  });
  for (const auto& [name, text, kind] :
       {std::tuple{"buildkit", buildkit, line_prefix::buildkit},
        std::tuple{"github", github, line_prefix::github_actions}}) {
    const report r = parse(text);
    ASSERT_EQ(r.transactions.size(), clean.transactions.size()) << name;
    for (std::size_t i = 0; i < r.transactions.size(); ++i) {
      EXPECT_EQ(content(r.transactions[i]), content(clean.transactions[i]))
          << name << " transaction " << i;
      EXPECT_EQ(r.transactions[i].span.prefix, kind);
      EXPECT_EQ(clean.transactions[i].span.prefix, line_prefix::none);
    }
  }
}

TEST_P(PrefixedCorpus, ShellTracesOfTheCommandsAreNoise) {
  // `set -x` in a CI script echoes each command with "+ " (nested: "++ ")
  // before apt's output.
  const std::string log =
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log"));
  const report clean = parse(log);
  const report traced =
      parse("+ apt-get update\n++ date\n+ apt-get -y upgrade\n" + log);
  ASSERT_EQ(traced.transactions.size(), clean.transactions.size());
  for (std::size_t i = 0; i < clean.transactions.size(); ++i)
    EXPECT_EQ(content(traced.transactions[i]), content(clean.transactions[i]));
  EXPECT_EQ(traced.unrecognized_count, clean.unrecognized_count);
}

TEST(SyslogPrefix, ASyslogRunRightAfterAPlainOneIsRead) {
  // The plain run's lines go the fast way (lines/line_runs.h); the gate
  // must hand the first syslog line back to the per-line stages.
  const std::string plain =
      "Reading package lists...\nThe following packages will be upgraded:\n"
      "  a b\n2 upgraded, 0 newly installed, 0 to remove and 0 not "
      "upgraded.\nSetting up a (2) ...\n";
  const report r = parse(plain + as_syslog(plain, false) + plain);
  ASSERT_EQ(r.transactions.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(content(r.transactions[i]), content(r.transactions[0])) << i;
  EXPECT_EQ(r.transactions[1].span.prefix, line_prefix::syslog);
}

// One test over every corpus log rather than one each: ctest runs each case
// in its own process, which costs more than the parse (twice in CI, the
// second time under ASan).
void expect_syslog_forms_read(const std::string& log_name) {
  const std::string log =
      testing::read_file(testing::corpus_dir() / (log_name + ".log"));
  const report clean = parse(log);
  for (bool rfc3339 : {false, true}) {
    const std::string text = as_syslog(log, rfc3339);
    for (std::size_t size : {std::size_t{3}, std::size_t{61}, text.size()}) {
      const report r = parse_chunked(text, size);
      ASSERT_EQ(r.transactions.size(), clean.transactions.size())
          << rfc3339 << " chunks of " << size;
      for (std::size_t i = 0; i < r.transactions.size(); ++i) {
        EXPECT_EQ(content(r.transactions[i]), content(clean.transactions[i]))
            << rfc3339 << " chunks of " << size << " transaction " << i;
        EXPECT_EQ(r.transactions[i].span.prefix, line_prefix::syslog);
      }
    }
  }
}

TEST(SyslogPrefix, EveryCorpusLogAsSyslogGivesTheSetsOfTheCleanLogInAnyChunks) {
  for (const std::string& name : testing::corpus_logs()) {
    SCOPED_TRACE(name);
    expect_syslog_forms_read(name);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, PrefixedCorpus,
                         ::testing::ValuesIn(testing::corpus_logs()),
                         testing::corpus_param_name{});

}  // namespace
}  // namespace aptparse

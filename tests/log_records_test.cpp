// apt's log files as records: history.log's and term.log's times, command,
// requester and error, the span of a record, and damaged records.
#include <gtest/gtest.h>

#include <string>

#include "aptparse/aptparse.h"
#include "support/corpus_files.h"
#include "support/parse_expect.h"

namespace aptparse {
namespace {

constexpr std::string_view kTwoRecords =
    "\n"
    "Start-Date: 2026-11-27  05:56:57\n"
    "Commandline: apt-get -y install git\n"
    "Requested-By: alice (1000)\n"
    "Install: git:amd64 (1:2.39.5-0+deb12u3), git-man:amd64 "
    "(1:2.39.5-0+deb12u3, automatic)\n"
    "Upgrade: perl-base:amd64 (5.36.0-7+deb12u3, 5.36.0-7+deb12u4)\n"
    "End-Date: 2026-11-27  05:57:14\n"
    "\n"
    "Start-Date: 2026-11-27  06:00:01\n"
    "Commandline: apt-get -y purge vim\n"
    "Purge: vim:amd64 (2:9.0.1378-2+deb12u2)\n"
    "End-Date: 2026-11-27  06:00:02\n";

using testing::has_diagnostic;
using testing::names;
using testing::only_transaction;

TEST(HistoryLog, ARecordCarriesItsTimesCommandAndRequester) {
  const report r = parse(kTwoRecords);
  ASSERT_EQ(r.transactions.size(), 2u);
  const transaction& t = r.transactions[0];
  EXPECT_EQ(t.start, "2026-11-27T05:56:57");
  EXPECT_EQ(t.end, "2026-11-27T05:57:14");
  EXPECT_EQ(t.command, "apt-get -y install git");
  EXPECT_EQ(t.requested_by_user, "alice");
  EXPECT_EQ(t.requested_by_uid, 1000u);
  EXPECT_EQ(t.error, std::nullopt);
  EXPECT_TRUE(t.span.complete);
  EXPECT_TRUE(t.diagnostics.empty());
  EXPECT_EQ(r.transactions[1].command, "apt-get -y purge vim");
  EXPECT_EQ(r.transactions[1].requested_by_user, std::nullopt);
}

TEST(HistoryLog, TheSpanRunsFromStartDateToEndDate) {
  const report r = parse(kTwoRecords);
  const transaction_span& s = r.transactions[0].span;
  EXPECT_EQ(s.first.line, 2u);  // Start-Date, after the leading blank line
  EXPECT_EQ(s.first.offset, 1u);
  EXPECT_EQ(s.last.line, 7u);  // End-Date, not the blank line after it
  EXPECT_EQ(kTwoRecords.substr(s.first.offset, s.end_offset - s.first.offset)
                .substr(0, 11),
            "Start-Date:");
  // One past End-Date's last byte (before its line end).
  EXPECT_EQ(kTwoRecords.substr(0, s.end_offset).substr(s.end_offset - 30),
            "End-Date: 2026-11-27  05:57:14");
  EXPECT_EQ(r.transactions[1].span.first.line, 9u);
}

TEST(HistoryLog, EveryActionKeyFillsItsSetWithAutomatic) {
  const report r = parse(
      "Start-Date: 2026-11-27  05:56:57\n"
      "Install: a:amd64 (1.0, automatic), b:amd64 (2.0)\n"
      "Reinstall: c:amd64 (3.0)\n"
      "Upgrade: d:amd64 (1.0, 1.1)\n"
      "Downgrade: e:amd64 (2.0, 1.9)\n"
      "Remove: f:amd64 (4.0)\n"
      "Purge: g:amd64 (5.0)\n"
      "End-Date: 2026-11-27  05:57:00\n");
  const transaction& t = only_transaction(r);
  EXPECT_EQ(names(t.newly_installed()), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(t.newly_installed()[0].automatic);
  EXPECT_FALSE(t.newly_installed()[1].automatic);
  EXPECT_EQ(names(t.reinstalled()), std::vector<std::string>{"c"});
  EXPECT_EQ(names(t.upgraded()), std::vector<std::string>{"d"});
  EXPECT_EQ(t.upgraded()[0].old_version, "1.0");
  EXPECT_EQ(t.upgraded()[0].new_version, "1.1");
  EXPECT_EQ(names(t.downgraded()), std::vector<std::string>{"e"});
  EXPECT_EQ(names(t.to_remove()), (std::vector<std::string>{"f", "g"}));
  EXPECT_FALSE(t.to_remove()[0].purge);
  EXPECT_TRUE(t.to_remove()[1].purge);
}

TEST(HistoryLog, OlderAndOtherWritersRecordsParseToo) {
  // One space between date and time; no Requested-By (before apt 1.2.1,
  // or run as root); unattended-upgrades' own command line.
  const report r = parse(
      "Start-Date: 2015-06-01 06:25:12\n"
      "Commandline: /usr/bin/unattended-upgrade\n"
      "Upgrade: libssl1.0.0:amd64 (1.0.1t-1+deb8u1, 1.0.1t-1+deb8u2)\n"
      "End-Date: 2015-06-01 06:25:20\n");
  const transaction& t = only_transaction(r);
  EXPECT_EQ(t.start, "2015-06-01T06:25:12");
  EXPECT_EQ(t.end, "2015-06-01T06:25:20");
  EXPECT_EQ(t.command, "/usr/bin/unattended-upgrade");
  EXPECT_EQ(t.requested_by_user, std::nullopt);
  EXPECT_EQ(t.requested_by_uid, std::nullopt);
  EXPECT_TRUE(t.span.complete);
}

TEST(HistoryLog, ARequesterWithoutUidKeepsTheWholeValueAsUser) {
  const report r = parse(
      "Start-Date: 2026-11-27  05:56:57\nRequested-By: bob (x)\n"
      "End-Date: 2026-11-27  05:57:00\n");
  EXPECT_EQ(r.transactions.at(0).requested_by_user, "bob (x)");
  EXPECT_EQ(r.transactions.at(0).requested_by_uid, std::nullopt);
}

TEST(HistoryLog, TheErrorKeyIsTheRecordsErrorAndAnAptMessage) {
  const report r = parse(
      "Start-Date: 2026-11-27  05:58:36\n"
      "Commandline: apt-get -y install failing\n"
      "Install: failing:all (1.0)\n"
      "Error: Sub-process /usr/bin/dpkg returned an error code (1)\n"
      "second line of the error\n"
      "End-Date: 2026-11-27  05:58:43\n");
  const transaction& t = only_transaction(r);
  EXPECT_EQ(t.error,
            "Sub-process /usr/bin/dpkg returned an error code (1)\n"
            "second line of the error");
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].level, message_level::error);
  EXPECT_EQ(t.messages[0].text, *t.error);
  EXPECT_EQ(t.unrecognized_count, 0u);
  EXPECT_EQ(t.end, "2026-11-27T05:58:43");
}

TEST(HistoryLog, ARecordCutInsideAnInstallLineIsIncompleteWithWhatItHas) {
  const report r = parse(
      "Start-Date: 2026-11-27  05:56:57\n"
      "Commandline: apt-get install a b\n"
      "Install: a:amd64 (1.0), b:amd64 (2.");
  const transaction& t = only_transaction(r);
  EXPECT_FALSE(t.span.complete);
  EXPECT_TRUE(has_diagnostic(t, errc::unterminated_record));
  EXPECT_EQ(t.start, "2026-11-27T05:56:57");
  EXPECT_EQ(t.end, std::nullopt);
  EXPECT_EQ(t.command, "apt-get install a b");
  ASSERT_GE(t.newly_installed().size(), 1u);
  EXPECT_EQ(t.newly_installed()[0].name, "a");
  EXPECT_EQ(t.newly_installed()[0].new_version, "1.0");
}

TEST(HistoryLog, ARecordWithoutEndDateIsIncompleteAndTheNextOneIsWhole) {
  // apt was killed: its record has no End-Date, and the next run's begins.
  const report r = parse(
      "Start-Date: 2026-11-27  05:56:57\n"
      "Install: a:amd64 (1.0)\n"
      "\n"
      "Start-Date: 2026-11-27  06:10:00\n"
      "Remove: a:amd64 (1.0)\n"
      "End-Date: 2026-11-27  06:10:02\n");
  ASSERT_EQ(r.transactions.size(), 2u);
  EXPECT_FALSE(r.transactions[0].span.complete);
  EXPECT_TRUE(has_diagnostic(r.transactions[0], errc::unterminated_record));
  EXPECT_EQ(names(r.transactions[0].newly_installed()),
            std::vector<std::string>{"a"});
  EXPECT_TRUE(r.transactions[1].span.complete);
  EXPECT_TRUE(r.transactions[1].diagnostics.empty());
}

TEST(HistoryLog, ADateThatDoesNotParseIsDiagnosedAndLeftNull) {
  const report r = parse(
      "Start-Date: 2026-13-45  99:00:00\n"
      "Commandline: apt-get install a\n"
      "Install: a:amd64 (1.0)\n"
      "End-Date: 2026-11-27  05:57:00\n");
  const transaction& t = only_transaction(r);
  EXPECT_EQ(t.start, std::nullopt);
  EXPECT_EQ(t.end, "2026-11-27T05:57:00");
  EXPECT_EQ(t.command, "apt-get install a");
  EXPECT_FALSE(t.span.complete);
  ASSERT_TRUE(has_diagnostic(t, errc::unparsable_time));
  EXPECT_EQ(t.diagnostics[0].where.line, 1u);
  EXPECT_EQ(names(t.newly_installed()), std::vector<std::string>{"a"});
}

TEST(TermLog, EachSessionIsOneTransactionWithItsTimes) {
  const report r = parse(
      "\nLog started: 2026-11-27  06:05:46\n"
      "Preparing to unpack .../libzstd1_1.5.7+dfsg-1+deb13u1_amd64.deb ...\n"
      "Unpacking libzstd1:amd64 (1.5.7+dfsg-1+deb13u1) over (1.5.7+dfsg-1) "
      "...\n"
      "Setting up libzstd1:amd64 (1.5.7+dfsg-1+deb13u1) ...\n"
      "Log ended: 2026-11-27  06:05:47\n"
      "\nLog started: 2026-11-27  06:06:00\n"
      "Log ended: 2026-11-27  06:06:00\n");
  ASSERT_EQ(r.transactions.size(), 2u);
  const transaction& t = r.transactions[0];
  EXPECT_EQ(t.start, "2026-11-27T06:05:46");
  EXPECT_EQ(t.end, "2026-11-27T06:05:47");
  EXPECT_EQ(t.command, std::nullopt);  // term.log has no command
  EXPECT_EQ(names(t.upgraded()), std::vector<std::string>{"libzstd1"});
  EXPECT_EQ(t.span.first.line, 2u);
  EXPECT_EQ(t.span.last.line, 6u);
  // An empty session (apt ran dpkg for nothing) is a transaction too.
  EXPECT_EQ(r.transactions[1].start, "2026-11-27T06:06:00");
  EXPECT_TRUE(r.transactions[1].upgraded().empty());
  EXPECT_TRUE(r.transactions[1].span.complete);
}

TEST(TermLog, AnErrorLineOfDpkgStaysAMessageNotARecordError) {
  const report r = parse(
      "Log started: 2026-11-27  06:05:46\n"
      "dpkg: error processing package failing (--configure):\n"
      "Log ended: 2026-11-27  06:05:47\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(r.transactions[0].error, std::nullopt);
}

TEST(ConsoleOutput, HasNoTimes) {
  const report r = parse(
      "Reading package lists...\nThe following packages will be upgraded:\n"
      "  libc6\n1 upgraded, 0 newly installed, 0 to remove and 0 not "
      "upgraded.\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(r.transactions[0].start, std::nullopt);
  EXPECT_EQ(r.transactions[0].end, std::nullopt);
  EXPECT_EQ(r.transactions[0].command, std::nullopt);
}

TEST(Timezone, TimesGetTheZonesOffsetAtThatTime) {
  options o;
  o.timezone = "Europe/Berlin";
  const report r = parse(
      "Start-Date: 2026-03-29  01:59:00\nEnd-Date: 2026-03-29  03:01:00\n", o);
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(r.transactions[0].start, "2026-03-29T01:59:00+01:00");
  EXPECT_EQ(r.transactions[0].end, "2026-03-29T03:01:00+02:00");
  EXPECT_TRUE(timezone_known("Europe/Berlin"));
  EXPECT_TRUE(timezone_known("-03:30"));
  EXPECT_FALSE(timezone_known("Mars/Olympus"));
}

TEST(Timezone, AnUnknownZoneIsDiagnosedOnceAndTimesStayNaive) {
  options o;
  o.timezone = "Mars/Olympus";
  const report r = parse(kTwoRecords, o);
  ASSERT_EQ(r.transactions.size(), 2u);
  EXPECT_EQ(r.transactions[0].start, "2026-11-27T05:56:57");
  EXPECT_TRUE(has_diagnostic(r.transactions[0], errc::unknown_timezone));
  EXPECT_FALSE(has_diagnostic(r.transactions[1], errc::unknown_timezone));
}

// Start and End are both times: one diagnostic for the report, in the first
// transaction with a time, whose fields before the time add none.
TEST(Timezone, AnUnknownZoneGivesOneDiagnosticAtTheFirstTimeOnly) {
  options o;
  o.timezone = "Mars/Olympus";
  const report r = parse(kTwoRecords, o);
  std::size_t count = 0;
  for (const transaction& t : r.transactions)
    for (const diagnostic& d : t.diagnostics)
      count += d.code == errc::unknown_timezone;
  EXPECT_EQ(count, 1u);
  ASSERT_EQ(r.transactions.size(), 2u);
  EXPECT_EQ(r.transactions[0].end, parse(kTwoRecords).transactions[0].end);
  EXPECT_EQ(r.transactions[1].start, parse(kTwoRecords).transactions[1].start);
  EXPECT_TRUE(r.diagnostics.empty());
}

// The must-show of issue 12: every record of the corpus's history.log and
// term.log captures carries its times, and history.log's its command.
TEST(Corpus, EveryLogRecordCarriesItsTimesAndCommand) {
  int files = 0;
  for (const std::string& name : testing::corpus_logs()) {
    const bool history = name.ends_with("-history-log");
    if (!history && !name.ends_with("-term-log")) continue;
    ++files;
    const report r =
        parse(testing::read_file(testing::corpus_dir() / (name + ".log")));
    ASSERT_FALSE(r.transactions.empty()) << name;
    for (const transaction& t : r.transactions) {
      EXPECT_TRUE(t.start.has_value()) << name << ':' << t.span.first.line;
      EXPECT_TRUE(t.end.has_value()) << name << ':' << t.span.first.line;
      EXPECT_TRUE(t.span.complete) << name << ':' << t.span.first.line;
      if (history)
        EXPECT_TRUE(t.command.has_value()) << name << ':' << t.span.first.line;
      EXPECT_LE(*t.start, *t.end) << name << ':' << t.span.first.line;
    }
  }
  EXPECT_GE(files, 4);  // history.log and term.log of both releases
}

// The record path counts its packages a line at a time (not through
// emit_package): the count must still be one per package the sink gets.
TEST(HistoryLog, StatsCountEveryRecordPackageTheSinkGets) {
  struct counting_sink : event_sink {
    std::uint64_t packages = 0;
    void on_package(const package_ref&, const position&) override {
      ++packages;
    }
  };
  int files = 0;
  for (const std::string& name : testing::corpus_logs()) {
    if (!name.ends_with("-history-log")) continue;
    ++files;
    counting_sink sink;
    parser p(sink);
    ASSERT_TRUE(
        p.feed(testing::read_file(testing::corpus_dir() / (name + ".log")))
            .ok());
    ASSERT_TRUE(p.finish().ok());
    EXPECT_GT(sink.packages, 0u) << name;
    EXPECT_EQ(p.stats().packages, sink.packages) << name;
  }
  counting_sink sink;
  parser p(sink);
  ASSERT_TRUE(p.feed(kTwoRecords).ok());
  ASSERT_TRUE(p.finish().ok());
  EXPECT_EQ(sink.packages, 4u);
  EXPECT_EQ(p.stats().packages, 4u);
  EXPECT_GE(files, 2);
}

}  // namespace
}  // namespace aptparse

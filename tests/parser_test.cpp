// The parser end to end: events and transactions for each kind of input.
#include "aptparse/parser.h"

#include <gtest/gtest.h>

#include "aptparse/report.h"
#include "support/event_trace.h"
#include "support/parse_expect.h"
#include "support/samples.h"

namespace aptparse {
namespace {

using testing::event_trace;
namespace s = aptparse::testing;

using testing::at;
using testing::names;

TEST(Parser, SimulatedUpgradeMergesListsWithInstLines) {
  report r = parse(s::kUpgradeSimulated);
  ASSERT_EQ(r.transactions.size(), 1u);
  const transaction& t = r.transactions[0];
  EXPECT_EQ(names(t.upgraded()),
            (std::vector<std::string>{"libc-bin", "libc6", "tzdata"}));
  EXPECT_EQ(t.upgraded()[1].old_version, "2.36-9+deb12u7");
  EXPECT_EQ(t.upgraded()[1].new_version, "2.36-9+deb12u10");
  EXPECT_EQ(t.upgraded()[2].arch, "all");
  EXPECT_TRUE(t.upgraded()[2].simulated);
  ASSERT_EQ(t.not_upgraded().size(), 1u);
  EXPECT_EQ(t.not_upgraded()[0].reason, hold_reason::kept_back);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  EXPECT_EQ(t.span.first.line, 1u);
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(Parser, InstallListsAdditionalSuggestedRecommendedAndSizes) {
  report r = parse(s::kInstallWithSuggested);
  ASSERT_EQ(r.transactions.size(), 1u);
  const transaction& t = r.transactions[0];
  EXPECT_EQ(names(t.newly_installed()),
            (std::vector<std::string>{"git", "git-man", "liberror-perl"}));
  EXPECT_EQ(t.additional().size(), 3u);
  ASSERT_EQ(t.suggested().size(), 4u);
  EXPECT_EQ(t.suggested()[1].name, "git-daemon-run");
  EXPECT_EQ(t.suggested()[1].alternatives,
            (std::vector<std::string_view>{"git-daemon-sysvinit"}));
  EXPECT_EQ(names(t.recommended()),
            (std::vector<std::string>{"less", "ssh-client"}));
  EXPECT_EQ(t.sizes.download, 9417000u);
  EXPECT_EQ(t.sizes.download_total, 9762000u);
  EXPECT_EQ(t.sizes.disk_change, 48100000);
  // 12 not upgraded, but an install does not list them.
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  EXPECT_EQ(t.consistency.unverifiable,
            (std::vector<std::string>{"not_upgraded"}));
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(Parser, VerboseListsCarryVersions) {
  report r = parse(s::kUpgradeVerbose);
  const transaction& t = r.transactions.at(0);
  ASSERT_EQ(t.upgraded().size(), 2u);
  EXPECT_EQ(t.upgraded()[1].old_version, "2024a-0+deb12u1");
  EXPECT_EQ(at(t.not_upgraded(), 0).new_version, "6.1.99-1");
  EXPECT_EQ(t.sizes.disk_change, 12300);
}

TEST(Parser, RemovalsKeepPurgeMarksArchAndAutoremovable) {
  report r = parse(s::kRemovePurge);
  const transaction& t = r.transactions.at(0);
  ASSERT_EQ(t.to_remove().size(), 3u);
  EXPECT_TRUE(t.to_remove()[0].purge);
  EXPECT_EQ(t.to_remove()[1].name, "vim-tiny");
  EXPECT_EQ(t.to_remove()[1].arch, "i386");
  EXPECT_EQ(t.to_remove()[1].old_version, "2:9.0.1378-2");
  EXPECT_FALSE(t.to_remove()[1].purge);
  EXPECT_EQ(names(t.autoremovable()), (std::vector<std::string>{"libfoo1"}));
  EXPECT_EQ(t.sizes.disk_change, -4096000);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
}

TEST(Parser, QuietSimulationClassifiesByVersionOrder) {
  report r = parse(s::kSimulateQuiet);
  const transaction& t = r.transactions.at(0);
  EXPECT_EQ(names(t.upgraded()), (std::vector<std::string>{"libssl3"}));
  EXPECT_EQ(names(t.newly_installed()), (std::vector<std::string>{"newpkg"}));
  EXPECT_EQ(names(t.downgraded()), (std::vector<std::string>{"olderpkg"}));
  EXPECT_EQ(names(t.reinstalled()), (std::vector<std::string>{"samepkg"}));
  EXPECT_EQ(names(t.to_remove()), (std::vector<std::string>{"oldpkg"}));
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::no_counts);
}

TEST(Parser, Apt3LayoutListsAndSummaryBlock) {
  report r = parse(s::kApt3Layout);
  const transaction& t = r.transactions.at(0);
  EXPECT_EQ(t.upgraded().size(), 3u);
  ASSERT_EQ(t.newly_installed().size(), 3u);
  EXPECT_FALSE(t.newly_installed()[0].automatic);
  EXPECT_TRUE(t.newly_installed()[1].automatic);
  EXPECT_TRUE(at(t.to_remove(), 0).purge);
  ASSERT_TRUE(t.counts);
  EXPECT_EQ(t.counts->newly_installed, 3u);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  EXPECT_EQ(t.sizes.download, 12500000u);
  EXPECT_EQ(t.sizes.disk_change, 20100000);
  EXPECT_EQ(t.sizes.disk_available, 40200000000u);
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(Parser, UnmetDependenciesAndErrors) {
  report r = parse(s::kUnmetDependencies);
  const transaction& t = r.transactions.at(0);
  EXPECT_EQ(names(t.broken()), (std::vector<std::string>{"foo"}));
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].level, message_level::error);
  EXPECT_EQ(t.messages[0].text,
            "Unable to correct problems, you have held broken packages.");
  EXPECT_TRUE(t.span.complete);
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(Parser, TranslatedOutputIsParsed) {
  report r = parse(s::kGermanSummary);
  const transaction& t = r.transactions.at(0);
  EXPECT_EQ(names(t.upgraded()), (std::vector<std::string>{"libc6", "tzdata"}));
  ASSERT_TRUE(t.counts);
  EXPECT_EQ(t.counts->upgraded, 2u);
  EXPECT_EQ(t.sizes.download, 3016000u);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
}

TEST(Parser, TerminalCaptureWithColoursCarriageReturnsAndProgressBar) {
  report r = parse(s::kTerminal);
  const transaction& t = r.transactions.at(0);
  EXPECT_EQ(names(t.upgraded()), (std::vector<std::string>{"libc6", "tzdata"}));
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(Parser, EachAptRunIsItsOwnTransaction) {
  report r = parse(s::kTwoRuns);
  ASSERT_EQ(r.transactions.size(), 3u);
  EXPECT_EQ(r.transactions[0].messages.size(), 1u);  // update's warning
  EXPECT_EQ(r.transactions[0].span.first.line, 2u);
  EXPECT_EQ(names(r.transactions[1].upgraded()),
            (std::vector<std::string>{"tzdata"}));
  EXPECT_EQ(r.transactions[1].span.first.line, 4u);
  EXPECT_EQ(r.transactions[1].span.last.line, 8u);
  EXPECT_EQ(names(r.transactions[2].newly_installed()),
            (std::vector<std::string>{"jq"}));
}

TEST(Parser, CutOffLogGivesAnIncompleteTransaction) {
  report r = parse(s::kTruncated);
  ASSERT_EQ(r.transactions.size(), 1u);
  const transaction& t = r.transactions[0];
  EXPECT_FALSE(t.span.complete);
  EXPECT_EQ(names(t.upgraded()), (std::vector<std::string>{"libc6", "tzd"}));
  ASSERT_FALSE(t.diagnostics.empty());
  EXPECT_EQ(t.diagnostics.back().code, errc::truncated_transaction);
}

TEST(Parser, EssentialWarningIsATwoLineHeader) {
  report r = parse(s::kEssential);
  const transaction& t = r.transactions.at(0);
  ASSERT_EQ(t.essential_removed().size(), 1u);
  EXPECT_EQ(t.essential_removed()[0].note, "due to libpam-runtime");
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(Parser, GarbageIsCountedAndNeverLost) {
  report r = parse(s::kGarbage);
  ASSERT_EQ(r.transactions.size(), 1u);
  const transaction& t = r.transactions[0];
  ASSERT_EQ(t.upgraded().size(), 2u);
  EXPECT_EQ(t.upgraded()[0].name, "caf\xe9");
  EXPECT_EQ(t.upgraded()[1].name, std::string("\0nul", 4));
  // Two lines before the first header, one after the list.
  EXPECT_EQ(t.unrecognized_count, 3u);
  EXPECT_EQ(t.unrecognized.at(0).where.line, 1u);
  EXPECT_EQ(r.unrecognized_count, 0u);
  EXPECT_FALSE(t.span.complete);
  EXPECT_EQ(t.diagnostics.front().code, errc::unknown_line_in_list);
}

TEST(Parser, LineOverTheCapIsCutToItsFirstBytesWithADiagnostic) {
  options opts;
  opts.max_line_bytes = 64;
  // A list item whose parenthesised text runs past the cap: the name is in
  // the first 64 bytes, so the package survives and apt's count agrees.
  std::string item = "  tzdata (" + std::string(1000, 'x') + ")";
  std::string input =
      "Reading package lists...\nThe following packages will be upgraded:\n" +
      item +
      "\n  libc6\n1 upgraded, 0 newly installed, 0 to remove and 0 not "
      "upgraded.\n";
  input.replace(input.find("1 upgraded"), 1, "2");
  report r = parse(input, opts);
  const transaction& t = r.transactions.at(0);
  ASSERT_EQ(t.diagnostics.size(), 1u);
  EXPECT_EQ(t.diagnostics[0].code, errc::line_too_long);
  EXPECT_EQ(t.diagnostics[0].where.line, 3u);
  EXPECT_EQ(t.diagnostics[0].dropped, item.size() - 64u);
  ASSERT_EQ(t.upgraded().size(), 2u);
  EXPECT_EQ(t.upgraded()[0].name, "tzdata");
  EXPECT_EQ(t.upgraded()[1].name, "libc6");
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  EXPECT_EQ(r.stats.lines, 5u);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(Parser, StrictModeStopsAtTheViolatingLine) {
  options opts;
  opts.strict = true;
  // An unknown line inside the first run's list; the second run must not
  // be parsed.
  const std::string input =
      "Reading package lists...\nThe following packages will be upgraded:\n"
      "  a\n?? not a list item\n"
      "1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"
      "Reading package lists...\nThe following NEW packages will be "
      "installed:\n  b\n";
  report r = parse(input, opts);
  EXPECT_EQ(r.error.code, errc::strict_violation);
  EXPECT_EQ(r.error.where.line, 4u);
  ASSERT_EQ(r.transactions.size(), 1u);  // ended by finish(), not the next run
  EXPECT_FALSE(r.transactions[0].counts.has_value());
  EXPECT_EQ(r.stats.lines, 4u);
  EXPECT_EQ(r.stats.bytes, input.find("\n1 upgraded"));
}

TEST(Parser, StrictModeMakesDiagnosticsFatal) {
  options opts;
  opts.strict = true;
  report r = parse(s::kTruncated, opts);
  EXPECT_EQ(r.error.code, errc::strict_violation);
  EXPECT_TRUE(parse(s::kUpgradeSimulated, opts).error.ok());
}

TEST(Parser, FeedAfterFinishIsAStickyMisuseError) {
  event_trace trace;
  parser p(trace);
  EXPECT_TRUE(p.feed("x\n").ok());
  EXPECT_TRUE(p.finish().ok());
  EXPECT_EQ(p.feed("y").code, errc::used_after_finish);
  EXPECT_EQ(p.finish().code, errc::used_after_finish);
  p.reset();
  EXPECT_TRUE(p.feed("y\n").ok());
}

TEST(Parser, StatsCountLinesNoiseAndUnknowns) {
  event_trace trace;
  parser p(trace);
  ASSERT_TRUE(p.feed(s::kGarbage).ok());
  ASSERT_TRUE(p.finish().ok());
  EXPECT_EQ(p.stats().lines, 5u);
  EXPECT_EQ(p.stats().unrecognized_lines, 3u);
  EXPECT_EQ(p.stats().packages, 2u);
  EXPECT_EQ(p.stats().bytes, s::kGarbage.size());
}

TEST(Parser, UbuntuProAdvertIsTheEsmSetNotUpgrades) {
  report r = parse(s::kUbuntuPro);
  ASSERT_EQ(r.transactions.size(), 1u);
  const transaction& t = r.transactions[0];
  EXPECT_EQ(names(t.esm()),
            (std::vector<std::string>{"libjs-jquery-ui", "python3-pil"}));
  EXPECT_EQ(names(t.upgraded()),
            (std::vector<std::string>{"libssl3t64", "openssl"}));
  ASSERT_EQ(t.not_upgraded().size(), 1u);
  EXPECT_EQ(t.not_upgraded()[0].reason, hold_reason::phasing);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(Parser, Apt3BootSpaceLineWithTreeMark) {
  report r = parse(
      "Summary:\n"
      "  Upgrading: 1, Installing: 0, Removing: 0, Not Upgrading: 0\n"
      "  Space needed: 1,024 kB / 10.0 GB available\n"
      "  \u2514\u2500 in /boot:  512 kB / 300 MB available\n");
  const transaction& t = r.transactions.at(0);
  EXPECT_EQ(t.sizes.boot_needed, 512000u);
  EXPECT_EQ(t.sizes.boot_available, 300000000u);
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(Parser, KeptBackPackagesThatAptMarkHeldAreHeld) {
  report r = parse(
      "tzdata set on hold.\n"
      "apt was already set on hold.\n"
      "Reading package lists...\n"
      "The following packages have been kept back:\n"
      "  apt libc6 tzdata\n"
      "0 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.\n");
  const transaction& t = r.transactions.at(0);
  ASSERT_EQ(t.not_upgraded().size(), 3u);
  EXPECT_EQ(t.not_upgraded()[0].reason, hold_reason::held);
  EXPECT_EQ(t.not_upgraded()[1].reason, hold_reason::kept_back);
  EXPECT_EQ(t.not_upgraded()[2].reason, hold_reason::held);
  EXPECT_EQ(r.unrecognized_count, 0u);
  report released = parse(
      "tzdata set on hold.\nCanceled hold on tzdata.\n"
      "The following packages have been kept back:\n  tzdata\n");
  EXPECT_EQ(at(released.transactions.at(0).not_upgraded(), 0).reason,
            hold_reason::kept_back);
}

TEST(Parser, PrefixRowsWithNothingAfterTheirTrimmedSpace) {
  // Found by fuzz_chunking: "Install: " matches a trimmed "Install:", and
  // the text after the literal is then empty, not out of range.
  for (std::string_view line : {"Install:", "Upgrade:", "Inst", "Remv",
                                "E:", "Error:", "Purg", "Start-Date:"}) {
    report r = parse(std::string(line) + "\n");
    EXPECT_TRUE(r.error.ok()) << line;
  }
  report r = parse("Start-Date: x\nInstall:\nUpgrade: a:amd64 (1, 2)\n");
  EXPECT_EQ(r.transactions.at(0).upgraded().size(), 1u);
}

TEST(Parser, EmptyInputHasNoTransaction) {
  report r = parse("");
  EXPECT_TRUE(r.transactions.empty());
  EXPECT_TRUE(r.error.ok());
}

}  // namespace
}  // namespace aptparse

// report_builder: merging, limits, streaming callback, consistency.
#include "aptparse/report.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "aptparse/parser.h"
#include "support/samples.h"

namespace aptparse {
namespace {

namespace s = aptparse::testing;

package_ref ref(pkg_set set, std::string_view name) {
  package_ref p;
  p.set = set;
  p.name = name;
  return p;
}

TEST(ReportBuilder, MergesMentionsOfOnePackageWithinASet) {
  report_builder b;
  b.on_transaction_begin({1, 0});
  b.on_package(ref(pkg_set::upgraded, "libc6"), {2, 0});
  package_ref sim = ref(pkg_set::upgraded, "libc6");
  sim.arch = "amd64";
  sim.old_version = "1";
  sim.new_version = "2";
  sim.flags = flag_simulated;
  b.on_package(sim, {3, 0});
  b.on_transaction_end({});
  report r = b.take_report();
  ASSERT_EQ(r.transactions.at(0).upgraded().size(), 1u);
  const package& p = r.transactions[0].upgraded()[0];
  EXPECT_EQ(p.arch, "amd64");
  EXPECT_EQ(p.new_version, "2");
  EXPECT_TRUE(p.simulated);
}

TEST(ReportBuilder, ForeignArchIsADifferentPackage) {
  report_builder b;
  b.on_transaction_begin({1, 0});
  b.on_package(ref(pkg_set::upgraded, "libc6"), {2, 0});
  package_ref foreign = ref(pkg_set::upgraded, "libc6");
  foreign.arch = "i386";
  foreign.arch_qualified = true;
  b.on_package(foreign, {2, 0});
  b.on_transaction_end({});
  EXPECT_EQ(b.take_report().transactions.at(0).upgraded().size(), 2u);
}

// dpkg and apt's logs qualify native names ("libc6:amd64"): once told the
// native arch, the builder merges them with apt's bare "libc6"; a foreign
// one, or any before the arch is known, stays its own package.
TEST(ReportBuilder, LogArchIsMergedWithTheBareNameOnlyWhenTheArchIsNative) {
  auto log_ref = [](std::string_view arch) {
    package_ref p = ref(pkg_set::upgraded, "libc6");
    p.arch = arch;
    p.arch_qualified = true;
    p.flags = flag_log_arch;
    return p;
  };
  auto upgraded_after = [&](std::string_view native) {
    report_builder b;
    if (!native.empty()) b.on_native_arch(native, {1, 0});
    b.on_transaction_begin({1, 0});
    b.on_package(ref(pkg_set::upgraded, "libc6"), {2, 0});
    b.on_package(log_ref("amd64"), {3, 0});
    b.on_transaction_end({});
    return b.take_report().transactions.at(0).upgraded().size();
  };
  EXPECT_EQ(upgraded_after("amd64"), 1u);
  EXPECT_EQ(upgraded_after("i386"), 2u);
  EXPECT_EQ(upgraded_after(""), 1u);
}

TEST(ReportBuilder, PackagesOverTheLimitAreCountedInADiagnostic) {
  options opts;
  opts.max_packages_per_list = 2;
  report r = parse(s::kUpgradeSimulated, opts);
  const transaction& t = r.transactions.at(0);
  EXPECT_EQ(t.upgraded().size(), 2u);
  ASSERT_EQ(t.diagnostics.size(), 1u);
  EXPECT_EQ(t.diagnostics[0].code, errc::too_many_packages);
  // tzdata was dropped twice: from the list and from its Inst line. The
  // builder counts mentions, since remembering dropped names would defeat
  // the memory bound the limit exists for.
  EXPECT_EQ(t.diagnostics[0].dropped, 2u);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::inconsistent);
}

TEST(ReportBuilder, TransactionsOverTheLimitAreCounted) {
  options opts;
  opts.max_transactions = 1;
  report r = parse(s::kTwoRuns, opts);
  EXPECT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(r.dropped_transactions, 2u);
  // One diagnostic says so, at the first transaction that was dropped.
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, errc::too_many_transactions);
  EXPECT_EQ(r.diagnostics[0].dropped, 2u);
  EXPECT_EQ(r.diagnostics[0].where.line, 4u);
  EXPECT_TRUE(parse(s::kTwoRuns).diagnostics.empty());
}

// The report grows in jumps (to reserve()'s count, else fourfold) while its
// transactions are built in place: every one must survive the moves, in
// order, with its package's text, and max_transactions still bounds it.
TEST(ReportBuilder, AReportGrownPastItsRoomKeepsEveryTransactionInOrder) {
  for (std::size_t reserved : {0, 10, 1000}) {
    options opts;
    opts.max_transactions = 700;
    report_builder b(opts);
    if (reserved != 0) b.reserve(reserved);
    std::vector<std::string> names;
    for (int i = 0; i < 900; ++i) names.push_back("pkg" + std::to_string(i));
    for (const std::string& name : names) {
      b.on_transaction_begin({1, 0});
      b.on_package(ref(pkg_set::newly_installed, name), {1, 0});
      b.on_transaction_end({});
    }
    report r = b.take_report();
    ASSERT_EQ(r.transactions.size(), 700u) << reserved;
    EXPECT_EQ(r.dropped_transactions, 200u);
    for (std::size_t i = 0; i < r.transactions.size(); ++i) {
      ASSERT_EQ(r.transactions[i].newly_installed().size(), 1u);
      EXPECT_EQ(r.transactions[i].newly_installed()[0].name, names[i]);
    }
  }
}

TEST(ReportBuilder, CallbackReceivesTransactionsAndKeepsNone) {
  std::vector<transaction> seen;
  report_builder b({}, [&](transaction&& t) { seen.push_back(std::move(t)); });
  parser p(b);
  ASSERT_TRUE(p.feed(s::kTwoRuns).ok());
  EXPECT_EQ(seen.size(), 2u);  // the third ends at finish()
  ASSERT_TRUE(p.finish().ok());
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_TRUE(b.take_report().transactions.empty());
}

// A callback that copies, moves or only reads each transaction: the builder
// reuses its buffers only when nobody else holds them, so kept transactions
// never change afterwards.
TEST(ReportBuilder, TransactionsKeptByACallbackStayIntactWhateverItDoes) {
  const std::string log = std::string(s::kUpgradeSimulated) +
                          std::string(s::kInstallWithSuggested) +
                          std::string(s::kRemovePurge);
  const report whole = parse(log);
  ASSERT_EQ(whole.transactions.size(), 3u);
  for (int mode = 0; mode < 3; ++mode) {
    std::vector<transaction> kept;
    std::vector<std::string> json_at_callback;
    report_builder b({}, [&](transaction&& t) {
      if (mode == 0) kept.push_back(t);                  // a copy
      if (mode == 1) kept.push_back(std::move(t));       // moved out
      if (mode == 2 && kept.empty()) kept.push_back(t);  // read, keep one
    });
    parser p(b);
    ASSERT_TRUE(p.feed(log).ok());
    ASSERT_TRUE(p.finish().ok());
    const std::size_t n = mode == 2 ? 1 : 3;
    ASSERT_EQ(kept.size(), n) << mode;
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_EQ(kept[i], whole.transactions[i]) << mode << " " << i;
  }
}

TEST(ReportBuilder, TakingTheReportInsideATransactionKeepsItForTheNext) {
  report_builder b;
  b.on_transaction_begin({1, 0});
  b.on_package(ref(pkg_set::upgraded, "first"), {2, 0});
  b.on_transaction_end({});
  b.on_transaction_begin({3, 0});
  b.on_package(ref(pkg_set::upgraded, "second"), {4, 0});
  report early = b.take_report();
  b.on_package(ref(pkg_set::upgraded, "third"), {5, 0});
  b.on_transaction_end({});
  report late = b.take_report();
  ASSERT_EQ(early.transactions.size(), 1u);
  ASSERT_EQ(early.transactions[0].upgraded().size(), 1u);
  EXPECT_EQ(early.transactions[0].upgraded()[0].name, "first");
  ASSERT_EQ(late.transactions.size(), 1u);
  ASSERT_EQ(late.transactions[0].upgraded().size(), 2u);
  EXPECT_EQ(late.transactions[0].upgraded()[0].name, "second");
  EXPECT_EQ(late.transactions[0].upgraded()[1].name, "third");
}

TEST(Transaction, EqualityComparesContentNotWhereTheBytesLive) {
  const report a = parse(s::kUpgradeSimulated);
  const report b = parse(s::kUpgradeSimulated);
  ASSERT_EQ(a.transactions.size(), 1u);
  EXPECT_NE(a.transactions[0].strings, b.transactions[0].strings);
  EXPECT_EQ(a.transactions[0], b.transactions[0]);
  transaction c = a.transactions[0];  // copies share the bytes
  EXPECT_EQ(c.strings, a.transactions[0].strings);
  c.upgraded()[0].name = "other";
  EXPECT_NE(c, a.transactions[0]);
}

TEST(Transaction, EverySetHasItsOwnFieldAndName) {
  transaction t;
  std::set<std::string_view> names;
  for (int s = 0; s < pkg_set_count; ++s) {
    const auto set = static_cast<pkg_set>(s);
    for (int i = 0; i <= s; ++i) t.add(set, package{});
    names.insert(set_name(set));
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(pkg_set_count));
  EXPECT_EQ(t.upgraded().size(), 1u);  // the first of APTPARSE_PKG_SET_MAP
  EXPECT_EQ(t.listed().size(), static_cast<std::size_t>(pkg_set_count));
  for (int s = 0; s < pkg_set_count; ++s)
    EXPECT_EQ(t.set(static_cast<pkg_set>(s)).size(),
              static_cast<std::size_t>(s) + 1);
}

TEST(Consistency, EachCheckedCountIsComparedWithItsSet) {
  transaction t;
  t.counts = counts{};
  t.counts->not_fully_installed = 3;  // no set: never a mismatch
  check_consistency(t);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  t.counts->downgraded = 1;   // always listed: a mismatch
  t.counts->reinstalled = 2;  // listed only on simulate lines: unverifiable
  check_consistency(t);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::inconsistent);
  EXPECT_EQ(t.consistency.mismatches, std::vector<std::string>{"downgraded"});
  EXPECT_EQ(t.consistency.unverifiable,
            std::vector<std::string>{"reinstalled"});
}

TEST(Transaction, PackagesBuiltByHandKeepTheirTextInAPublicArena) {
  transaction t;
  t.strings = make_string_arena();
  std::string name = "by-hand";
  t.add(pkg_set::upgraded, package{.name = save_string(*t.strings, name)});
  name.assign("changed");  // the package holds a copy, not the caller's bytes
  EXPECT_EQ(t.upgraded()[0].name, "by-hand");
  transaction copy = t;
  t = transaction{};  // the copy keeps the arena alive
  EXPECT_EQ(copy.upgraded()[0].name, "by-hand");
}

// A report's packages live in its arena; copies, moves and edits of its
// transactions must behave as values all the same.
TEST(Transaction, PackagesInTheReportsArenaBehaveAsValues) {
  const std::string history =
      "Start-Date: 2024-01-01  10:00:00\n"
      "Upgrade: a:amd64 (1, 2), b:amd64 (1, 2)\n"
      "End-Date: 2024-01-01  10:00:01\n\n"
      "Start-Date: 2024-01-02  10:00:00\n"
      "Install: c:amd64 (3)\n"
      "End-Date: 2024-01-02  10:00:01\n";
  transaction copy, edited, moved;
  {
    report r = parse(history);
    ASSERT_EQ(r.transactions.size(), 2u);
    ASSERT_EQ(r.transactions[0].upgraded().size(), 2u);
    copy = r.transactions[0];
    edited = r.transactions[0];
    // An edit of a copy leaves the original as it was.
    edited.add(pkg_set::upgraded, package{.name = "z"});
    EXPECT_EQ(r.transactions[0].upgraded().size(), 2u);
    // add() to a transaction of the report itself: its packages move to an
    // array of their own, in order.
    r.transactions[1].add(pkg_set::newly_installed, package{.name = "d"});
    ASSERT_EQ(r.transactions[1].newly_installed().size(), 2u);
    EXPECT_EQ(r.transactions[1].newly_installed()[0].name, "c");
    EXPECT_EQ(r.transactions[1].newly_installed()[1].name, "d");
    // Assigning over a transaction whose packages live in another report's
    // arena; then both reports go.
    report other = parse(history);
    moved = std::move(other.transactions[1]);
    other.transactions[0] = std::move(r.transactions[1]);
    EXPECT_EQ(other.transactions[0].newly_installed().size(), 2u);
  }
  ASSERT_EQ(copy.upgraded().size(), 2u);
  EXPECT_EQ(copy.upgraded()[1].name, "b");
  EXPECT_EQ(copy.upgraded()[1].new_version, "2");
  ASSERT_EQ(edited.upgraded().size(), 3u);
  EXPECT_EQ(edited.upgraded()[2].name, "z");
  ASSERT_EQ(moved.newly_installed().size(), 1u);
  EXPECT_EQ(moved.newly_installed()[0].name, "c");
  EXPECT_EQ(moved.newly_installed()[0].new_version, "3");
}

TEST(ReportBuilder, KeepsOnlyTheFirstUnrecognizedLinesButCountsAll) {
  options opts;
  opts.max_unrecognized_kept = 1;
  report r = parse("junk 1\njunk 2\njunk 3\n", opts);
  EXPECT_EQ(r.unrecognized_count, 3u);
  ASSERT_EQ(r.unrecognized.size(), 1u);
  EXPECT_EQ(r.unrecognized[0].text, "junk 1");
  EXPECT_EQ(r.unrecognized[0].where.line, 1u);
}

TEST(Transaction, AddToAMiddleSetMovesOnlyTheLaterBoundaries) {
  transaction t;
  t.add(pkg_set::upgraded, package{.name = "u"});
  t.add(pkg_set::listed, package{.name = "l"});
  t.add(pkg_set::to_remove, package{.name = "r1"});
  t.add(pkg_set::to_remove, package{.name = "r2"});
  ASSERT_EQ(t.packages().size(), 4u);
  EXPECT_EQ(t.packages()[0].name, "u");
  EXPECT_EQ(t.packages()[1].name, "r1");
  EXPECT_EQ(t.packages()[2].name, "r2");
  EXPECT_EQ(t.packages()[3].name, "l");
  ASSERT_EQ(t.to_remove().size(), 2u);
  EXPECT_EQ(t.to_remove()[1].name, "r2");
  EXPECT_TRUE(t.newly_installed().empty());
  ASSERT_EQ(t.listed().size(), 1u);
  EXPECT_EQ(t.listed()[0].name, "l");
  transaction other;
  other.add(pkg_set::upgraded, package{.name = "u"});
  other.add(pkg_set::to_remove, package{.name = "r1"});
  other.add(pkg_set::to_remove, package{.name = "r2"});
  EXPECT_NE(t, other);  // same packages but for listed
  other.add(pkg_set::listed, package{.name = "l"});
  EXPECT_EQ(t, other);
}

TEST(Consistency, ReportsWhichCountDisagrees) {
  transaction t;
  t.add(pkg_set::upgraded, package{});
  t.add(pkg_set::upgraded, package{});
  t.counts = counts{};
  t.counts->upgraded = 3;
  check_consistency(t);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::inconsistent);
  EXPECT_EQ(t.consistency.mismatches, (std::vector<std::string>{"upgraded"}));
}

TEST(Consistency, NoCountsMeansNoVerdict) {
  transaction t;
  t.add(pkg_set::upgraded, package{});
  t.add(pkg_set::upgraded, package{});
  check_consistency(t);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::no_counts);
}

TEST(Consistency, UnlistedReinstallsAreUnverifiableNotWrong) {
  transaction t;
  t.counts = counts{};
  t.counts->reinstalled = 1;
  check_consistency(t);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  EXPECT_EQ(t.consistency.unverifiable,
            (std::vector<std::string>{"reinstalled"}));
}

}  // namespace
}  // namespace aptparse

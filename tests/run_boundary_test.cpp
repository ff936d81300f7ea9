// Where a run begins when nothing announces it (events.h): real corpus logs
// written one after another, as script logs hold them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "aptparse/aptparse.h"
#include "classify/format_table.h"
#include "support/corpus_files.h"
#include "support/rewritten_logs.h"
#include "util/text.h"

namespace aptparse {
namespace {

using testing::content;

std::string read_log(const std::string& name) {
  return testing::read_file(testing::corpus_dir() / (name + ".log"));
}

// Package sets and counts: what a run's transaction says about its plan
// (in no order: a log cut before a list reads its packages from later
// lines).
std::vector<std::string> plan(const transaction& t) {
  std::vector<std::string> out;
  for (int s = 0; s < pkg_set_count; ++s)
    for (const package& p : t.set(static_cast<pkg_set>(s)))
      out.push_back(fmt::format("{} {}:{} {}",
                                set_name(static_cast<pkg_set>(s)), p.name,
                                p.arch, p.new_version));
  if (t.counts)
    out.push_back(fmt::format("counts {} {} {} {}", t.counts->upgraded,
                              t.counts->newly_installed, t.counts->to_remove,
                              t.counts->not_upgraded));
  std::sort(out.begin(), out.end());
  return out;
}

// The log from its first list header on: a run whose preamble a filter
// dropped. Empty if the log has no header.
std::string from_first_header(std::string_view log) {
  const auto& table = detail::format_table::instance();
  for (std::size_t i = 0; i < log.size();) {
    const std::size_t nl = std::min(log.find('\n', i), log.size());
    const std::string_view line = detail::trim(log.substr(i, nl - i));
    detail::captures caps;
    const detail::table_row* row =
        line.empty() ? nullptr : table.match(line, caps);
    if (row != nullptr && row->kind == detail::line_kind::header)
      return std::string(log.substr(i));
    i = nl + 1;
  }
  return {};
}

bool is_sqq(const std::string& name) {
  return name.find("-sqq") != std::string::npos;
}

std::vector<std::string> sqq_logs() {
  std::vector<std::string> out;
  for (const std::string& name : testing::corpus_logs())
    if (is_sqq(name)) out.push_back(name);
  return out;
}

TEST(RunBoundary, TheCorpusHasSimulateOnlyRuns) {
  EXPECT_GE(sqq_logs().size(), 2u);
}

class SimulateRuns : public ::testing::TestWithParam<std::string> {};

TEST_P(SimulateRuns, TheSameRunTwiceIsTwoTransactions) {
  // A script that loops over hosts or chroots with `apt-get -sqq`.
  const std::string log = read_log(GetParam());
  const report once = parse(log);
  ASSERT_EQ(once.transactions.size(), 1u);
  const report twice = parse(log + log);
  ASSERT_EQ(twice.transactions.size(), 2u);
  for (const transaction& t : twice.transactions)
    EXPECT_EQ(content(t), content(once.transactions[0]));
}

TEST_P(SimulateRuns, ARunThatRepeatsAPackageOfTheLastBeginsAnother) {
  const std::string first = read_log(GetParam());
  const report a = parse(first);
  ASSERT_EQ(a.transactions.size(), 1u);
  int pairs = 0;
  for (const std::string& other : sqq_logs()) {
    if (other == GetParam()) continue;
    const std::string second = read_log(other);
    const report b = parse(second);
    ASSERT_EQ(b.transactions.size(), 1u);
    // Only a run whose first simulate line names a package of the first
    // run can be told apart from it.
    const std::string_view head =
        std::string_view(second).substr(0, second.find('\n'));
    const std::string_view name = head.substr(5, head.find(' ', 5) - 5);
    if (first.find(fmt::format("\nInst {} ", name)) == std::string::npos &&
        !first.starts_with(fmt::format("Inst {} ", name)))
      continue;
    ++pairs;
    const report both = parse(first + second);
    ASSERT_EQ(both.transactions.size(), 2u) << other;
    EXPECT_EQ(content(both.transactions[0]), content(a.transactions[0]));
    EXPECT_EQ(content(both.transactions[1]), content(b.transactions[0]));
  }
  if (pairs == 0)
    GTEST_SKIP() << "no other simulate run shares its first package";
}

INSTANTIATE_TEST_SUITE_P(Corpus, SimulateRuns, ::testing::ValuesIn(sqq_logs()),
                         [](const auto& info) {
                           return testing::test_name(info.param);
                         });

class PlanAfterSummary : public ::testing::TestWithParam<std::string> {};

TEST_P(PlanAfterSummary, APlanAfterASummaryBeginsTheNextRun) {
  // The second run's log lost everything before its plan (a filter dropped
  // apt's progress lines, the preamble among them).
  const std::string log = read_log(GetParam());
  const report once = parse(log);
  const std::string plan_only = from_first_header(log);
  if (once.transactions.size() != 1 || !once.transactions[0].counts ||
      plan_only.empty() || is_sqq(GetParam()))
    GTEST_SKIP() << "not one run with a plan and a summary";
  const report both = parse(log + plan_only);
  ASSERT_EQ(both.transactions.size(), 2u);
  EXPECT_EQ(content(both.transactions[0]), content(once.transactions[0]));
  EXPECT_EQ(plan(both.transactions[1]), plan(once.transactions[0]));
}

INSTANTIATE_TEST_SUITE_P(Corpus, PlanAfterSummary,
                         ::testing::ValuesIn(testing::corpus_logs()),
                         testing::corpus_param_name{});

}  // namespace
}  // namespace aptparse

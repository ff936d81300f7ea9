// compare(): the matching rules of aptparse/compare.h, one behaviour each.
#include "aptparse/compare.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace aptparse {
namespace {

struct pkg {
  pkg_set set;
  const char* name;
  const char* arch = "";
  const char* old_version = "";
  const char* new_version = "";
  bool purge = false;
};

transaction tx(std::initializer_list<pkg> packages) {
  transaction t;
  t.strings = make_string_arena();
  for (const pkg& p : packages) {
    t.add(p.set, package{.name = save_string(*t.strings, p.name),
                         .arch = save_string(*t.strings, p.arch),
                         .old_version = save_string(*t.strings, p.old_version),
                         .new_version = save_string(*t.strings, p.new_version),
                         .purge = p.purge});
  }
  return t;
}

comparison run(std::vector<transaction> plan, std::vector<transaction> done) {
  return compare(plan, done);
}

constexpr pkg_set up = pkg_set::upgraded;
constexpr pkg_set failed = pkg_set::failed;

TEST(Compare, PlannedUpgradeThatTheOutcomeMadeHappened) {
  comparison c = run({tx({{up, "apt", "amd64", "2.6.1", "2.6.2"}})},
                     {tx({{up, "apt", "amd64", "2.6.1", "2.6.2"}})});
  ASSERT_EQ(c.planned.size(), 1u);
  EXPECT_EQ(c.planned[0].status, change_status::happened);
  ASSERT_TRUE(c.planned[0].outcome);
  EXPECT_EQ(c.planned[0].outcome->new_version, "2.6.2");
  EXPECT_TRUE(c.all_happened());
  EXPECT_TRUE(c.unplanned.empty());
}

TEST(Compare, PlannedUpgradeInTheFailedSetFailed) {
  comparison c = run({tx({{up, "tzdata", "", "2026b", "2026f"}})},
                     {tx({{up, "tzdata", "all", "2026b", "2026f"},
                          {failed, "tzdata", "all", "", "2026f"}})});
  EXPECT_EQ(c.planned[0].status, change_status::failed);
  EXPECT_EQ(c.planned[0].outcome->action, change_action::upgrade);
  EXPECT_FALSE(c.all_happened());
  EXPECT_EQ(c.count(change_status::failed), 1u);
}

TEST(Compare, PlannedChangeTheOutcomeDoesNotListIsAbsent) {
  comparison c = run({tx({{up, "apt"}, {up, "tzdata"}})}, {tx({{up, "apt"}})});
  EXPECT_EQ(c.planned[0].status, change_status::happened);
  EXPECT_EQ(c.planned[1].status, change_status::absent);
  EXPECT_FALSE(c.planned[1].outcome);
}

TEST(Compare, AnotherVersionIsDifferent) {
  comparison c = run({tx({{up, "apt", "", "2.6.1", "2.6.2"}})},
                     {tx({{up, "apt", "", "2.6.1", "2.6.3"}})});
  EXPECT_EQ(c.planned[0].status, change_status::different);
  EXPECT_EQ(c.planned[0].outcome->new_version, "2.6.3");
}

TEST(Compare, VersionsAreComparedAsDpkgDoes) {
  comparison c = run({tx({{up, "git", "", "", "0:2.39.5-0"}})},
                     {tx({{up, "git", "", "", "2.39.5-0"}})});
  EXPECT_EQ(c.planned[0].status, change_status::happened);
}

TEST(Compare, AVersionNotPrintedMatchesAnyVersion) {
  comparison c =
      run({tx({{pkg_set::newly_installed, "nano"}})},
          {tx({{pkg_set::newly_installed, "nano", "amd64", "", "7.2-1"}})});
  EXPECT_EQ(c.planned[0].status, change_status::happened);
}

TEST(Compare, InstallWhereARemovalWasPlannedIsDifferent) {
  comparison c = run({tx({{pkg_set::to_remove, "vim"}})},
                     {tx({{pkg_set::newly_installed, "vim"}})});
  EXPECT_EQ(c.planned[0].status, change_status::different);
}

TEST(Compare, APlannedPurgeIsDoneByARemoval) {
  comparison c = run({tx({{pkg_set::to_remove, "jq", "", "", "", true}})},
                     {tx({{pkg_set::to_remove, "jq"}})});
  EXPECT_EQ(c.planned[0].plan.action, change_action::purge);
  EXPECT_EQ(c.planned[0].outcome->action, change_action::remove);
  EXPECT_EQ(c.planned[0].status, change_status::happened);
}

TEST(Compare, ArchitecturesSpelledDifferentlyMatchWhenTheNameIsUnique) {
  // history.log: "tzdata:amd64" for an arch-all package; dpkg.log: ":all".
  comparison c =
      run({tx({{up, "tzdata", "amd64"}})}, {tx({{up, "tzdata", "all"}})});
  EXPECT_EQ(c.planned[0].status, change_status::happened);
  EXPECT_TRUE(c.unplanned.empty());
}

TEST(Compare, ANameOfTwoArchitecturesMatchesByArchitectureFirst) {
  comparison c = run(
      {tx({{up, "liblzma5", "", "", "2"}, {up, "liblzma5", "i386", "", "2"}})},
      {tx({{up, "liblzma5", "i386", "", "2"},
           {up, "liblzma5", "amd64", "", "2"}})});
  ASSERT_EQ(c.planned.size(), 2u);
  EXPECT_EQ(c.planned[0].outcome->arch, "amd64");
  EXPECT_EQ(c.planned[1].outcome->arch, "i386");
  EXPECT_TRUE(c.all_happened());
}

TEST(Compare, ANameLeftTwiceInTheOutcomeIsNotGuessed) {
  comparison c =
      run({tx({{up, "liblzma5"}})},
          {tx({{up, "liblzma5", "i386"}, {up, "liblzma5", "amd64"}})});
  EXPECT_EQ(c.planned[0].status, change_status::absent);
  EXPECT_EQ(c.unplanned.size(), 2u);
}

TEST(Compare, OutcomeChangesNoPlanListsAreUnplanned) {
  comparison c =
      run({tx({{up, "apt"}})},
          {tx({{up, "apt"}, {pkg_set::newly_installed, "libfoo1"}})});
  ASSERT_EQ(c.unplanned.size(), 1u);
  EXPECT_EQ(c.unplanned[0].outcome.name, "libfoo1");
  EXPECT_EQ(c.unplanned[0].outcome.action, change_action::install);
  EXPECT_FALSE(c.unplanned[0].failed);
  EXPECT_TRUE(c.all_happened());
}

TEST(Compare, AFailedPackageWithoutAChangeIsUnplannedWithActionNone) {
  comparison c =
      run({tx({{up, "apt"}})},
          {tx({{up, "apt"}, {failed, "libc-bin", "amd64", "", "2.36"}})});
  ASSERT_EQ(c.unplanned.size(), 1u);
  EXPECT_EQ(c.unplanned[0].outcome.action, change_action::none);
  EXPECT_EQ(c.unplanned[0].outcome.new_version, "2.36");
  EXPECT_TRUE(c.unplanned[0].failed);
}

TEST(Compare, ALaterTransactionThatInstallsTheFailedPackageClearsTheFailure) {
  comparison c = run({tx({{up, "tzdata", "", "", "2026f"}})},
                     {tx({{up, "tzdata", "", "", "2026f"},
                          {failed, "tzdata", "", "", "2026f"}}),
                      tx({{pkg_set::reinstalled, "tzdata", "", "", "2026f"}})});
  EXPECT_EQ(c.planned[0].status, change_status::happened);
  EXPECT_EQ(c.planned[0].outcome->action, change_action::reinstall);
}

TEST(Compare, SetsThatAreNotChangesAreNotPlanned) {
  comparison c = run(
      {tx({{pkg_set::not_upgraded, "apt"}, {pkg_set::suggested, "git-doc"}})},
      {tx({})});
  EXPECT_TRUE(c.planned.empty());
  EXPECT_TRUE(c.all_happened());
}

TEST(Compare, JsonNamesStatusesAndWritesNullForWhatIsNotPrinted) {
  comparison c = run({tx({{up, "apt", "", "2.6.1", "2.6.2"}, {up, "tzdata"}})},
                     {tx({{up, "apt", "amd64", "2.6.1", "2.6.2"}})});
  std::string out;
  append_json(out, c, "plan.log", "term.log");
  EXPECT_EQ(out,
            R"({"plan":"plan.log","outcome":"term.log","start":null,)"
            R"("end":null,"all_happened":false,)"
            R"("counts":{"happened":1,"failed":0,"different":0,"absent":1,)"
            R"("unplanned":0},"planned":[{"action":"upgrade","name":"apt",)"
            R"("arch":null,"old":"2.6.1","new":"2.6.2","status":"happened",)"
            R"("outcome":{"action":"upgrade","name":"apt","arch":"amd64",)"
            R"("old":"2.6.1","new":"2.6.2"}},{"action":"upgrade",)"
            R"("name":"tzdata","arch":null,"old":null,"new":null,)"
            R"("status":"absent","outcome":null}],"unplanned":[]})");
}

transaction timed(transaction t, const char* start, const char* end) {
  t.start = start;
  if (end != nullptr) t.end = end;
  return t;
}

TEST(CompareRuns, EachPlanRunTakesTheOutcomesThatStartWithinIt) {
  const std::vector<transaction> plan = {
      timed(tx({{up, "apt"}}), "2026-11-27T05:00:00", "2026-11-27T05:00:09"),
      timed(tx({{pkg_set::to_remove, "apt"}}), "2026-11-27T06:00:00",
            "2026-11-27T06:00:01")};
  const std::vector<transaction> done = {
      timed(tx({{up, "apt"}}), "2026-11-27T05:00:00", nullptr),
      timed(tx({{pkg_set::to_remove, "apt"}}), "2026-11-27T06:00:01", nullptr),
      timed(tx({{pkg_set::newly_installed, "vim"}}), "2026-11-27T07:00:00",
            nullptr)};
  const std::vector<comparison> runs = compare_runs(plan, done);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].start, "2026-11-27T05:00:00");
  EXPECT_EQ(runs[0].end, "2026-11-27T05:00:09");
  EXPECT_EQ(runs[0].planned[0].outcome->action, change_action::upgrade);
  EXPECT_EQ(runs[1].planned[0].outcome->action, change_action::remove);
  EXPECT_TRUE(runs[0].all_happened() && runs[1].all_happened());
  EXPECT_TRUE(runs[0].unplanned.empty() && runs[1].unplanned.empty());
}

TEST(CompareRuns, WithoutTimesEverythingIsOneComparison) {
  const std::vector<transaction> plan = {tx({{up, "apt"}})};
  const std::vector<transaction> done = {
      timed(tx({{up, "apt"}}), "2026-11-27T05:00:00", nullptr)};
  const std::vector<comparison> runs = compare_runs(plan, done);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0], compare(plan, done));
  EXPECT_FALSE(runs[0].start);
}

TEST(Compare, EveryEnumeratorHasAName) {
  EXPECT_EQ(action_name(change_action::purge), "purge");
  EXPECT_EQ(action_name(change_action::none), "none");
  EXPECT_EQ(status_name(change_status::absent), "absent");
  EXPECT_EQ(status_name(static_cast<change_status>(99)), "unknown");
}

}  // namespace
}  // namespace aptparse

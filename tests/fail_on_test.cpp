// The --fail-on reasons (cli/fail_on.h) of transactions built by hand and
// parsed from real apt output.
#include "cli/fail_on.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aptparse/aptparse.h"
#include "support/parse_expect.h"

namespace aptparse::cli {
namespace {

TEST(FailOn, CleanTransactionMeetsNoReason) {
  EXPECT_EQ(fail_reasons(transaction{}), 0u);
}

TEST(FailOn, ErrorMessageHistoryErrorAndFailedSetAreErrors) {
  transaction by_message;
  by_message.messages.push_back({message_level::error, "E: boom", {}});
  EXPECT_EQ(fail_reasons(by_message), fail_error);

  transaction warning_only;
  warning_only.messages.push_back({message_level::warning, "W: hm", {}});
  EXPECT_EQ(fail_reasons(warning_only), 0u);

  transaction by_record;
  by_record.error = "Sub-process /usr/bin/dpkg returned an error code (1)";
  EXPECT_EQ(fail_reasons(by_record), fail_error);

  transaction by_failed_set;
  by_failed_set.add(pkg_set::failed, package{.name = "foo"});
  EXPECT_EQ(fail_reasons(by_failed_set), fail_error);
}

TEST(FailOn, CountsThatDisagreeAreInconsistent) {
  const report r = parse(
      "The following packages will be upgraded:\n  libc6 tzdata\n"
      "3 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(fail_reasons(r.transactions[0]), fail_inconsistent);
}

TEST(FailOn, NamesAreTheBitsInOrder) {
  const auto names = fail_on_names();
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0], "error");  // bit 0: fail_error
  EXPECT_EQ(names[1], "inconsistent");
  EXPECT_EQ(names[2], "pending-security");
  EXPECT_EQ(fail_error, 1u << 0);
  EXPECT_EQ(fail_inconsistent, 1u << 1);
  EXPECT_EQ(fail_pending_security, 1u << 2);
}

// Real apt output: a simulated upgrade whose versions come from
// Debian-Security (corpus debian12-apt2.6.1-upgrade-s.log's lines).
constexpr const char* kSecurityPlan =
    "Inst apt [2.6.1] (2.6.2 Debian-Security:12/oldstable-security [amd64])\n"
    "Conf apt (2.6.2 Debian-Security:12/oldstable-security [amd64])\n";

TEST(FailOn, SimulatedSecurityUpgradeIsPendingSecurity) {
  const report r = parse(kSecurityPlan);
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_TRUE(is_plan(r.transactions[0]));
  EXPECT_EQ(fail_reasons(r.transactions[0]), fail_pending_security);
}

TEST(FailOn, CarriedOutSecurityUpgradeIsNotPending) {
  report r = parse(kSecurityPlan);
  ASSERT_EQ(r.transactions.size(), 1u);
  transaction run = r.transactions[0];
  run.upgraded()[0].simulated = false;  // as history.log would give it
  EXPECT_FALSE(is_plan(run));
  EXPECT_EQ(fail_reasons(run), 0u);
}

TEST(FailOn, ListingOfUpgradableSecurityUpdatesIsPendingSecurity) {
  const report r = parse(
      "Listing...\n"
      "apt/oldstable-security 2.6.2 amd64 [upgradable from: 2.6.1]\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(r.transactions[0].kind, record_kind::listing);
  EXPECT_EQ(fail_reasons(r.transactions[0]), fail_pending_security);
}

// Real apt output (corpus debian12-apt2.6.1-install-python3-s.log's
// lines): a simulated install that would bring in libssl3 from
// Debian-Security, and upgrades nothing.
constexpr const char* kSecurityInstallPlan =
    "The following NEW packages will be installed:\n"
    "  libssl3 media-types\n"
    "Inst libssl3 (3.0.22-1~deb12u2 Debian-Security:12/oldstable-security "
    "[amd64])\n"
    "Inst media-types (10.0.0 Debian:12.15/oldstable [all])\n";

// A package it would newly install from a security archive is pending
// security work as much as an upgrade (a new kernel ABI package, a renamed
// library): the rule security_count counts by.
TEST(FailOn, SimulatedSecurityInstallIsPendingSecurity) {
  const report r = parse(kSecurityInstallPlan);
  const transaction& t = testing::only_transaction(r);
  ASSERT_TRUE(is_plan(t));
  ASSERT_TRUE(t.upgraded().empty());
  EXPECT_EQ(t.security_count, 1u);
  EXPECT_TRUE(pending_security(t));
  EXPECT_EQ(fail_reasons(t), fail_pending_security);
}

TEST(FailOn, CarriedOutSecurityInstallIsNotPending) {
  transaction run = testing::only_transaction(parse(kSecurityInstallPlan));
  for (package& p : run.newly_installed()) p.simulated = false;
  EXPECT_FALSE(is_plan(run));
  EXPECT_EQ(run.security_count, 1u);  // counted, but installed
  EXPECT_FALSE(pending_security(run));
  EXPECT_EQ(fail_reasons(run), 0u);
}

// pending() as "name:set" strings, in order.
std::vector<std::string> pending_names(const transaction& t) {
  std::vector<std::string> out;
  for (const pending_package& p : pending(t))
    out.push_back(std::string(testing::at(t.set(p.set), p.index).name) + ":" +
                  std::string(set_name(p.set)));
  return out;
}

// What a plan leaves pending: its upgrades, then its new packages, then
// what it kept back.
TEST(Pending, APlansUpgradesNewPackagesAndKeptBack) {
  const report r = parse(
      "The following packages have been kept back:\n  bash\n"
      "The following NEW packages will be installed:\n  newpkg\n"
      "The following packages will be upgraded:\n  apt\n"
      "Inst apt [2.6.1] (2.6.2 Debian-Security:12/oldstable-security "
      "[amd64])\n"
      "Inst newpkg (1.0 Debian:12.5/oldstable [amd64])\n");
  const transaction& t = testing::only_transaction(r);
  ASSERT_TRUE(is_plan(t));
  EXPECT_EQ(pending_names(t),
            (std::vector<std::string>{"apt:upgraded", "newpkg:newly_installed",
                                      "bash:not_upgraded"}));
}

// A run carried out its upgrades; what it kept back stays pending, and a
// kept-back package known to come from a security archive is pending
// security.
TEST(Pending, ARunLeavesOnlyWhatItKeptBack) {
  transaction run;
  run.add(pkg_set::upgraded, package{.name = "apt", .security = true});
  run.add(pkg_set::newly_installed,
          package{.name = "newpkg", .security = true});
  run.add(pkg_set::not_upgraded, package{.name = "bash"});
  ASSERT_FALSE(is_plan(run));
  EXPECT_EQ(pending_names(run),
            (std::vector<std::string>{"bash:not_upgraded"}));
  EXPECT_FALSE(pending_security(run));

  run.not_upgraded()[0].security = true;
  EXPECT_TRUE(pending_security(run));
  EXPECT_EQ(fail_reasons(run), fail_pending_security);
}

TEST(Pending, AListingsUpgradableLinesInOrder) {
  const report r = parse(
      "Listing...\n"
      "apt/oldstable-security 2.6.2 amd64 [upgradable from: 2.6.1]\n"
      "bash/oldstable,now 5.2.15-2+b2 amd64 [installed]\n"
      "tzdata/oldstable-updates 2025b-0+deb12u1 all [upgradable from: "
      "2024a-0+deb12u1]\n");
  const transaction& t = testing::only_transaction(r);
  EXPECT_EQ(pending_names(t),
            (std::vector<std::string>{"apt:listed", "tzdata:listed"}));
}

}  // namespace
}  // namespace aptparse::cli

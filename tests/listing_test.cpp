// `apt list` lines, "Get:" lines and the security classification of a
// run's packages, from the line parsers to the report.
#include <gtest/gtest.h>

#include "aptparse/report.h"
#include "classify/download_line.h"
#include "classify/format_table.h"
#include "classify/list_line.h"
#include "support/parse_expect.h"

namespace aptparse::detail {
namespace {

using testing::only_transaction;

package_ref listed(std::string_view line) {
  const auto f = testing::parsed_as<listing_fields>(split_listing_line, line);
  captures caps;
  caps.clear();
  const table_row* row = f.status.empty()
                             ? nullptr
                             : format_table::instance().match(f.status, caps);
  if (row != nullptr) EXPECT_EQ(row->kind, line_kind::list_status) << line;
  return listing_package(f, row, caps);
}

TEST(ListLine, UpgradableFromGivesTheInstalledVersionAsOld) {
  package_ref p = listed(
      "libssl3/bookworm-updates,bookworm-security 3.0.15-1~deb12u1 amd64 "
      "[upgradable from: 3.0.11-1~deb12u2]");
  EXPECT_EQ(p.set, pkg_set::listed);
  EXPECT_EQ(p.name, "libssl3");
  EXPECT_EQ(p.arch, "amd64");
  EXPECT_EQ(p.suite, "bookworm-updates");
  EXPECT_EQ(p.origins, "bookworm-updates,bookworm-security");
  EXPECT_EQ(p.new_version, "3.0.15-1~deb12u1");
  EXPECT_EQ(p.old_version, "3.0.11-1~deb12u2");
  EXPECT_EQ(p.flags, flag_upgradable);
}

TEST(ListLine, InstalledUpgradableToGivesTheCandidateAsNew) {
  package_ref p =
      listed("apt/now 2.6.1 amd64 [installed,upgradable to: 2.6.2]");
  EXPECT_EQ(p.suite, "now");
  EXPECT_EQ(p.old_version, "2.6.1");
  EXPECT_EQ(p.new_version, "2.6.2");
  EXPECT_EQ(p.flags, flag_installed | flag_upgradable);
}

TEST(ListLine, EveryBracketSetsItsFlags) {
  EXPECT_EQ(listed("a/x 1 all [installed]").flags, flag_installed);
  EXPECT_EQ(listed("a/now 1 all [installed,local]").flags,
            flag_installed | flag_local);
  EXPECT_EQ(listed("a/x 1 all [installed,automatic]").flags,
            flag_installed | flag_automatic);
  EXPECT_EQ(listed("a/x 1 all [installed,auto-removable]").flags,
            flag_installed | flag_automatic | flag_auto_removable);
  package_ref residual = listed("nano/x 7.2 amd64 [residual-config]");
  EXPECT_EQ(residual.flags, flag_residual_config);
  EXPECT_EQ(residual.old_version, "");
  // `apt list -a`: a version that is neither installed nor the candidate.
  package_ref plain = listed("apt/stable 2.6.1 amd64");
  EXPECT_EQ(plain.flags, 0);
  EXPECT_EQ(plain.new_version, "2.6.1");
}

TEST(ListLine, OtherLinesDoNotHaveTheShape) {
  listing_fields f;
  EXPECT_FALSE(split_listing_line("Listing...", f));
  EXPECT_FALSE(
      split_listing_line("WARNING: apt does not have a stable CLI", f));
  EXPECT_FALSE(split_listing_line("/x 1 amd64", f));
  EXPECT_FALSE(split_listing_line("a/x 1", f));
}

TEST(DownloadLine, APackageGivesItsSuiteAndAnIndexDoesNot) {
  download_fields f;
  ASSERT_TRUE(parse_download(
      "http://deb.debian.org/debian-security bookworm-security/main amd64 "
      "libssl3 amd64 3.0.15-1~deb12u1 [2,026 kB]",
      f));
  EXPECT_EQ(f.suite, "bookworm-security");
  EXPECT_EQ(f.name, "libssl3");
  EXPECT_EQ(f.arch, "amd64");
  EXPECT_EQ(f.version, "3.0.15-1~deb12u1");
  EXPECT_FALSE(parse_download(
      "http://deb.debian.org/debian bookworm InRelease [151 kB]", f));
  EXPECT_FALSE(parse_download(
      "http://deb.debian.org/debian bookworm/main amd64 Packages [8,786 kB]",
      f));
  EXPECT_FALSE(parse_download(
      "/tmp/aptparse-failing-postinst_1.0_all.deb aptparse-failing-postinst "
      "all 1.0 [928 B]",
      f));
}

TEST(Listing, IsARecordOfKindListingWithItsSecurityCount) {
  report r = parse(
      "WARNING: apt does not have a stable CLI interface. Use with caution "
      "in scripts.\n\nListing...\n"
      "apt/oldstable-security 2.6.2 amd64 [upgradable from: 2.6.1]\n"
      "tzdata/oldstable-updates 2026f-0+deb12u1 all [upgradable from: "
      "2026b-0+deb12u1]\n"
      "libgcrypt20/oldstable,oldstable-security,now 1.10.1 amd64 "
      "[installed]\n");
  const transaction& t = only_transaction(r);
  EXPECT_EQ(t.kind, record_kind::listing);
  ASSERT_EQ(t.listed.size(), 3u);
  EXPECT_EQ(t.listed[0].security, true);
  EXPECT_EQ(t.listed[1].security, false);
  EXPECT_TRUE(t.listed[1].upgradable);
  // Installed from a security archive, but no update: not counted.
  EXPECT_EQ(t.listed[2].security, true);
  EXPECT_EQ(t.security_count, 1u);
  EXPECT_EQ(t.unrecognized_count, 0u);
  EXPECT_TRUE(t.span.complete);
}

TEST(Listing, AllVersionsKeepEachLineAndBlankLinesDoNotEndIt) {
  report r = parse(
      "Listing... Done\n"
      "apt/oldstable-security 2.6.2 amd64 [upgradable from: 2.6.1]\n"
      "apt/now 2.6.1 amd64 [installed,upgradable to: 2.6.2]\n\n"
      "tzdata/oldstable 2024a all\n\n"
      "N: There is 1 additional version. Please use the '-a' switch to see "
      "it\n");
  const transaction& t = only_transaction(r);
  EXPECT_EQ(t.listed.size(), 3u);
  EXPECT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.security_count, 1u);
}

TEST(Listing, ProgressLineTwiceIsOneListing) {
  report r = parse("Listing...\nListing... Done\na/x 1 all [installed]\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(r.transactions[0].listed.size(), 1u);
}

TEST(Listing, AnUnknownBracketKeepsThePackageAndSaysSo) {
  report r = parse("Listing...\na/x 1 all [no catalogue says this]\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  ASSERT_EQ(r.transactions[0].listed.size(), 1u);
  ASSERT_EQ(r.transactions[0].diagnostics.size(), 1u);
  EXPECT_EQ(r.transactions[0].diagnostics[0].code, errc::unknown_translation);
}

TEST(Listing, ALineAfterTheListingEndsIt) {
  report r = parse(
      "Listing...\na/x 1 all [installed]\nReading package lists...\n"
      "The following packages will be upgraded:\n  a\n"
      "1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
  ASSERT_EQ(r.transactions.size(), 2u);
  EXPECT_EQ(r.transactions[0].kind, record_kind::listing);
  EXPECT_EQ(r.transactions[1].kind, record_kind::transaction);
  EXPECT_EQ(r.transactions[1].upgraded.size(), 1u);
}

TEST(Security, GetLinesGiveTheRunsPackagesTheirSuite) {
  report r = parse(
      "Reading package lists...\n"
      "The following packages will be upgraded:\n  libssl3 tzdata\n"
      "2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"
      "Get:1 http://deb.debian.org/debian-security bookworm-security/main "
      "amd64 libssl3 amd64 3.0.15-1~deb12u1 [2,026 kB]\n"
      "Get:2 http://deb.debian.org/debian bookworm-updates/main amd64 tzdata "
      "all 2025b-0+deb12u1 [255 kB]\n");
  const transaction& t = only_transaction(r);
  ASSERT_EQ(t.upgraded.size(), 2u);
  EXPECT_EQ(t.upgraded[0].suite, "bookworm-security");
  EXPECT_EQ(t.upgraded[0].security, true);
  EXPECT_EQ(t.upgraded[1].suite, "bookworm-updates");
  EXPECT_EQ(t.upgraded[1].security, false);
  EXPECT_EQ(t.security_count, 1u);
}

TEST(Security, SimulateOriginsClassifyAndNoOriginIsNull) {
  report r = parse(
      "Reading package lists...\n"
      "The following packages will be upgraded:\n  apt jq\n"
      "Inst apt [2.6.1] (2.6.2 Debian-Security:12/oldstable-security "
      "[amd64])\nInst jq [1.6] (1.6-2 Debian:12.5/oldstable [amd64])\n"
      "The following NEW packages will be installed:\n  foo\n");
  const transaction& t = only_transaction(r);
  EXPECT_EQ(t.upgraded[0].security, true);
  EXPECT_EQ(t.upgraded[1].security, false);
  EXPECT_EQ(t.newly_installed[0].security, std::nullopt);
  EXPECT_EQ(t.security_count, 1u);
}

}  // namespace
}  // namespace aptparse::detail

// `apt list` lines, "Get:" lines and the security classification of a
// run's packages, from the line parsers to the report.
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "aptparse/aptparse.h"
#include "classify/download_line.h"
#include "classify/list_line.h"
#include "support/parse_expect.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

using testing::only_package;
using testing::only_transaction;

// The ListLine tests parse `apt list` output whole: split_listing_line,
// the bracket's list_status row (a bracket the table does not know would
// be a diagnostic) and listing_package, as the parser joins them.

TEST(ListLine, UpgradableFromGivesTheInstalledVersionAsOld) {
  const report r = parse(
      "Listing...\n"
      "libssl3/bookworm-updates,bookworm-security 3.0.15-1~deb12u1 amd64 "
      "[upgradable from: 3.0.11-1~deb12u2]\n");
  const transaction& t = only_transaction(r);
  EXPECT_TRUE(t.diagnostics.empty());
  EXPECT_EQ(only_package(t, pkg_set::listed),
            (package{.name = "libssl3",
                     .arch = "amd64",
                     .old_version = "3.0.11-1~deb12u2",
                     .new_version = "3.0.15-1~deb12u1",
                     .origins = "bookworm-updates,bookworm-security",
                     .suite = "bookworm-updates",
                     .security = true,
                     .upgradable = true}));
}

TEST(ListLine, InstalledUpgradableToGivesTheCandidateAsNew) {
  const report r = parse(
      "Listing...\napt/now 2.6.1 amd64 [installed,upgradable to: 2.6.2]\n");
  const transaction& t = only_transaction(r);
  EXPECT_TRUE(t.diagnostics.empty());
  EXPECT_EQ(only_package(t, pkg_set::listed),
            (package{.name = "apt",
                     .arch = "amd64",
                     .old_version = "2.6.1",
                     .new_version = "2.6.2",
                     .origins = "now",
                     .suite = "now",
                     .security = std::nullopt,  // "now" names no archive
                     .upgradable = true,
                     .installed = true}));
}

TEST(ListLine, EveryBracketSetsItsFlags) {
  const report r = parse(
      "Listing...\n"
      "a/x 1 all [installed]\n"
      "b/now 1 all [installed,local]\n"
      "c/x 1 all [installed,automatic]\n"
      "d/x 1 all [installed,auto-removable]\n"
      "nano/x 7.2 amd64 [residual-config]\n"
      // `apt list -a`: a version that is neither installed nor the
      // candidate.
      "apt/stable 2.6.1 amd64\n");
  const transaction& t = only_transaction(r);
  EXPECT_TRUE(t.diagnostics.empty());
  // An installed version is the old and the new one.
  const package installed{.arch = "all",
                          .old_version = "1",
                          .new_version = "1",
                          .origins = "x",
                          .suite = "x",
                          .security = false,
                          .installed = true};
  package a = installed, b = installed, c = installed, d = installed;
  a.name = "a";
  b.name = "b";
  b.origins = b.suite = "now";
  b.security = std::nullopt;
  b.local = true;
  c.name = "c";
  c.automatic = true;
  d.name = "d";
  d.automatic = d.auto_removable = true;
  const package residual{.name = "nano",
                         .arch = "amd64",
                         .new_version = "7.2",
                         .origins = "x",
                         .suite = "x",
                         .security = false,
                         .residual_config = true};
  const package plain{.name = "apt",
                      .arch = "amd64",
                      .new_version = "2.6.1",
                      .origins = "stable",
                      .suite = "stable",
                      .security = false};
  EXPECT_EQ(std::vector<package>(t.listed().begin(), t.listed().end()),
            (std::vector<package>{a, b, c, d, residual, plain}));
}

TEST(ListLine, OtherLinesDoNotHaveTheShape) {
  listing_fields f;
  EXPECT_FALSE(split_listing_line("Listing...", f));
  EXPECT_FALSE(
      split_listing_line("WARNING: apt does not have a stable CLI", f));
  EXPECT_FALSE(split_listing_line("/x 1 amd64", f));
  EXPECT_FALSE(split_listing_line("a/x 1", f));
}

// The byte loop split_listing_line's token search replaced: a token ends
// at its first is_space byte (' ' and '\t' to '\r').
bool split_by_byte_loop(std::string_view line, listing_fields& out) {
  const auto next = [](std::string_view& rest) {
    std::size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    const std::string_view token = rest.substr(0, end);
    rest = trim_left(rest.substr(end));
    return token;
  };
  std::string_view rest = line;
  const std::string_view first = next(rest);
  const std::size_t slash = first.find('/');
  if (slash == 0 || slash == std::string_view::npos) return false;
  out.name = first.substr(0, slash);
  out.suites = first.substr(slash + 1);
  out.version = next(rest);
  out.arch = next(rest);
  out.status = trim_right(rest);
  return !out.version.empty() && !out.arch.empty();
}

// Every byte up to ' ' (controls, every white space, NUL) and the bytes
// next to them, in lines of 0-90 bytes: each is read as its own copy, cut
// to its size, so a read past the end would be caught by the sanitizers.
TEST(ListLine, TokensEndWhereTheByteLoopEndsThem) {
  std::mt19937 rng(1513);
  const std::string alphabet = std::string("ab/1.:-~[ ", 10) +
                               std::string("\0\x01\x08\t\n\v\f\r", 8) +
                               "\x0e\x1f !\x7f\x80\xa0\xff";
  for (int round = 0; round < 20000; ++round) {
    const std::size_t n = rng() % 91;
    std::string line;
    for (std::size_t i = 0; i < n; ++i)
      line += rng() % 3 == 0 ? alphabet[rng() % alphabet.size()]
                             : alphabet[rng() % 10];
    const std::vector<char> own(line.begin(), line.end());
    const std::string_view view(own.data(), own.size());
    listing_fields got, want;
    const bool ok = split_listing_line(view, got);
    ASSERT_EQ(ok, split_by_byte_loop(view, want))
        << ::testing::PrintToString(line);
    if (!ok) continue;
    EXPECT_EQ(got.name, want.name);
    EXPECT_EQ(got.suites, want.suites);
    EXPECT_EQ(got.version, want.version);
    EXPECT_EQ(got.arch, want.arch);
    EXPECT_EQ(got.status, want.status);
  }
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
  ASSERT_EQ(t.listed().size(), 3u);
  EXPECT_EQ(t.listed()[0].security, true);
  EXPECT_EQ(t.listed()[1].security, false);
  EXPECT_TRUE(t.listed()[1].upgradable);
  // Installed from a security archive, but no update: not counted.
  EXPECT_EQ(t.listed()[2].security, true);
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
  EXPECT_EQ(t.listed().size(), 3u);
  EXPECT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.security_count, 1u);
}

TEST(Listing, ProgressLineTwiceIsOneListing) {
  report r = parse("Listing...\nListing... Done\na/x 1 all [installed]\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(r.transactions[0].listed().size(), 1u);
}

TEST(Listing, AnUnknownBracketKeepsThePackageAndSaysSo) {
  report r = parse("Listing...\na/x 1 all [no catalogue says this]\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  ASSERT_EQ(r.transactions[0].listed().size(), 1u);
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
  EXPECT_EQ(r.transactions[1].upgraded().size(), 1u);
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
  ASSERT_EQ(t.upgraded().size(), 2u);
  EXPECT_EQ(t.upgraded()[0].suite, "bookworm-security");
  EXPECT_EQ(t.upgraded()[0].security, true);
  EXPECT_EQ(t.upgraded()[1].suite, "bookworm-updates");
  EXPECT_EQ(t.upgraded()[1].security, false);
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
  EXPECT_EQ(t.upgraded()[0].security, true);
  EXPECT_EQ(t.upgraded()[1].security, false);
  EXPECT_EQ(t.newly_installed()[0].security, std::nullopt);
  EXPECT_EQ(t.security_count, 1u);
}

}  // namespace
}  // namespace aptparse::detail

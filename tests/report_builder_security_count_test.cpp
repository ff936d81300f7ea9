// report_builder's per-transaction work: it counts a transaction's security
// updates only when the transaction read some origin, suite or download
// (else none can be known), and empties a reused transaction's consistency
// instead of replacing it (check_consistency). Held to the counts and verdicts
// taken from the finished packages themselves, over random transactions in a
// report and through a callback (which reuses one transaction).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "aptparse/report.h"

namespace aptparse {
namespace {

// What count_security() counts: the upgrades and new installs, and the
// listed packages that are upgradable, whose security is true.
std::uint64_t security_updates(const transaction& t) {
  std::uint64_t n = 0;
  for (const package& p : t.upgraded()) n += p.security.value_or(false);
  for (const package& p : t.newly_installed()) n += p.security.value_or(false);
  for (const package& p : t.listed())
    n += p.upgradable && p.security.value_or(false);
  return n;
}

// Random transactions: most without any origin (history.log's records),
// some with origins, suites or "Get:" lines naming security archives.
void feed_random(report_builder& b, std::mt19937& rng, int transactions) {
  const char* const names[] = {"libc6", "openssl", "bash", "curl", "zlib1g"};
  const char* const origins[] = {"Debian-Security:12/stable-security",
                                 "Debian:12.5/stable", ""};
  const char* const suites[] = {"bookworm-security", "bookworm", ""};
  const pkg_set sets[] = {pkg_set::upgraded, pkg_set::newly_installed,
                          pkg_set::to_remove, pkg_set::listed};
  for (int i = 0; i < transactions; ++i) {
    b.on_transaction_begin({});
    const bool plain = rng() % 2 == 0;
    if (!plain && rng() % 3 == 0)
      b.on_download(names[rng() % 5], "amd64", "1.0", suites[rng() % 2], {});
    const int mentions = static_cast<int>(rng() % 8);
    for (int m = 0; m < mentions; ++m) {
      package_ref r;
      r.name = names[rng() % 5];
      r.arch = "amd64";
      r.new_version = "1.0";
      r.set = sets[rng() % 4];
      r.flags = static_cast<std::uint16_t>(rng() % 2 ? flag_upgradable : 0);
      if (!plain) {
        r.origins = origins[rng() % 3];
        r.suite = suites[rng() % 3];
      }
      b.on_package(r, {});
    }
    if (rng() % 2 == 0) {
      counts c;
      c.upgraded = rng() % 3;
      c.newly_installed = rng() % 3;
      b.on_counts(c, {});
    }
    b.on_transaction_end({});
  }
}

void expect_consistent_with_packages(const transaction& t) {
  EXPECT_EQ(t.security_count, security_updates(t));
  transaction fresh = t;
  fresh.consistency = consistency{};
  check_consistency(fresh);
  EXPECT_EQ(t.consistency, fresh.consistency);
}

TEST(ReportBuilderSecurityCount, CountsWhatThePackagesSayInAReport) {
  std::mt19937 rng(10);
  report_builder b;
  feed_random(b, rng, 600);
  const report r = b.take_report();
  ASSERT_EQ(r.transactions.size(), 600u);
  std::uint64_t secure = 0;
  for (const transaction& t : r.transactions) {
    expect_consistent_with_packages(t);
    secure += t.security_count;
  }
  EXPECT_GT(secure, 20u);  // the random input does name security updates
}

TEST(ReportBuilderSecurityCount, CountsWhatThePackagesSayThroughACallback) {
  std::mt19937 rng(11);
  int seen = 0;
  std::uint64_t secure = 0;
  report_builder b({}, [&](transaction&& t) {
    expect_consistent_with_packages(t);
    secure += t.security_count;
    ++seen;
  });
  feed_random(b, rng, 600);
  EXPECT_EQ(seen, 600);
  EXPECT_GT(secure, 20u);
}

// check_consistency() empties what an earlier check left (mismatches,
// unverifiable counts) rather than replacing the consistency: checked again
// after its counts change, a transaction reads as if checked once.
TEST(ReportBuilderSecurityCount, CheckingAgainForgetsTheLastCheck) {
  std::mt19937 rng(12);
  for (int i = 0; i < 200; ++i) {
    transaction t;
    t.add(pkg_set::upgraded, package{.name = "a"});
    counts c;
    c.upgraded = rng() % 3;
    c.reinstalled = rng() % 2;
    t.counts = c;
    check_consistency(t);
    if (rng() % 3 == 0) {
      t.counts.reset();
    } else {
      c.upgraded = rng() % 3;
      c.reinstalled = rng() % 2;
      t.counts = c;
    }
    check_consistency(t);
    transaction fresh = t;
    fresh.consistency = consistency{};
    check_consistency(fresh);
    EXPECT_EQ(t.consistency, fresh.consistency);
  }
}

}  // namespace
}  // namespace aptparse

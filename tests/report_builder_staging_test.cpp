// report_builder builds a transaction's packages in one array in the order
// they arrive (package_staging.h) and puts the sets in order when the
// transaction ends; with the sets in the map's order that array becomes
// the transaction's. Held to a plain reference of the rules (one entry per
// name in a set, an alternative joins its set's last entry, every listing
// line is an entry, at most max_packages_per_list entries a set) over
// random transactions whose sets come in order, out of order or
// interleaved, in a report, through a callback, and across take_report()
// in the middle of a transaction.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "aptparse/report.h"

namespace aptparse {
namespace {

struct ref_entry {
  std::string name, new_version;
  std::vector<std::string> alternatives;
};

struct ref_transaction {
  std::array<std::vector<ref_entry>, pkg_set_count> sets;
  std::array<std::uint64_t, pkg_set_count> dropped{};
};

void reference_add(const package_ref& r, ref_transaction& t,
                   std::size_t max_per_set) {
  const auto s = static_cast<std::size_t>(r.set);
  auto& set = t.sets[s];
  if ((r.flags & flag_alternative) && !set.empty()) {
    set.back().alternatives.emplace_back(r.name);
    return;
  }
  if (r.set != pkg_set::listed) {
    for (ref_entry& e : set) {
      if (e.name != r.name) continue;
      if (e.new_version.empty()) e.new_version = r.new_version;
      return;
    }
  }
  if (set.size() >= max_per_set) {
    ++t.dropped[s];
    return;
  }
  set.push_back({std::string(r.name), std::string(r.new_version), {}});
}

// The sets a transaction mentions, in the order it first mentions them.
std::vector<int> pick_sets(std::mt19937& rng) {
  std::vector<int> sets(1 + rng() % 4);
  for (int& s : sets) s = static_cast<int>(rng() % pkg_set_count);
  switch (rng() % 3) {
    case 0:  // the map's order (history.log)
      std::sort(sets.begin(), sets.end());
      break;
    case 1:  // the reverse (apt's console output: Upgrade before Install)
      std::sort(sets.rbegin(), sets.rend());
      break;
    default:  // as drawn
      break;
  }
  return sets;
}

enum class mode { report, callback, take_midway };

void expect_built_as_the_rules_say(mode how, unsigned seed) {
  static const char* const kNames[] = {
      "a", "libfoo", "libfoo-dev-long-name", "zz9", "python3-apt", "b", "c"};
  std::mt19937 rng(seed);
  options opts;
  opts.max_packages_per_list = 1 + rng() % 6;
  std::vector<transaction> built;
  report_builder b(opts, how == mode::callback
                             ? report_builder::callback([&](transaction&& t) {
                                 built.push_back(std::move(t));
                               })
                             : report_builder::callback());
  std::vector<ref_transaction> expected;
  std::vector<std::string> versions;
  for (int t = 0; t < 300; ++t) {
    expected.emplace_back();
    b.on_transaction_begin({});
    const std::vector<int> sets = pick_sets(rng);
    // Mostly one run per set; sometimes a set comes back (interleaved).
    const int mentions = static_cast<int>(rng() % 40);
    versions.assign(static_cast<std::size_t>(mentions), "");
    for (int m = 0; m < mentions; ++m) {
      const std::size_t run =
          rng() % 5 == 0 ? rng() % sets.size()
                         : std::min(sets.size() - 1,
                                    static_cast<std::size_t>(m) * sets.size() /
                                        static_cast<std::size_t>(mentions));
      package_ref r;
      r.set = static_cast<pkg_set>(sets[run]);
      r.name = kNames[rng() % 7];
      r.flags = rng() % 6 == 0 ? flag_alternative : 0;
      versions[static_cast<std::size_t>(m)] = std::to_string(t * 100 + m);
      if (rng() % 3 != 0) r.new_version = versions[static_cast<std::size_t>(m)];
      b.on_package(r, {});
      reference_add(r, expected.back(), opts.max_packages_per_list);
      if (how == mode::take_midway && m == mentions / 2) {
        auto taken = b.take_report().transactions;
        for (transaction& x : taken) built.push_back(std::move(x));
      }
    }
    b.on_transaction_end({});
  }
  if (how != mode::callback)
    for (transaction& x : b.take_report().transactions)
      built.push_back(std::move(x));
  ASSERT_EQ(built.size(), expected.size());
  for (std::size_t t = 0; t < built.size(); ++t) {
    std::size_t total = 0;
    std::vector<diagnostic> want_diagnostics;
    for (int s = 0; s < pkg_set_count; ++s) {
      const auto got = built[t].set(static_cast<pkg_set>(s));
      const auto& want = expected[t].sets[static_cast<std::size_t>(s)];
      total += want.size();
      ASSERT_EQ(got.size(), want.size()) << "transaction " << t << " set " << s;
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].name, want[i].name);
        EXPECT_EQ(got[i].new_version, want[i].new_version);
        ASSERT_EQ(got[i].alternatives.size(), want[i].alternatives.size());
        for (std::size_t a = 0; a < want[i].alternatives.size(); ++a)
          EXPECT_EQ(got[i].alternatives[a], want[i].alternatives[a]);
      }
      if (const auto d = expected[t].dropped[static_cast<std::size_t>(s)])
        want_diagnostics.push_back(
            diagnostic{errc::too_many_packages, position{}, d});
    }
    EXPECT_EQ(built[t].packages().size(), total);
    EXPECT_EQ(built[t].diagnostics, want_diagnostics) << "transaction " << t;
  }
}

TEST(ReportBuilderStaging, SetsInAnyOrderComeOutInTheMapsOrderInAReport) {
  for (unsigned seed = 1; seed <= 6; ++seed)
    expect_built_as_the_rules_say(mode::report, seed);
}

TEST(ReportBuilderStaging,
     SetsInAnyOrderComeOutInTheMapsOrderThroughACallback) {
  for (unsigned seed = 1; seed <= 6; ++seed)
    expect_built_as_the_rules_say(mode::callback, seed);
}

TEST(ReportBuilderStaging, ATransactionOpenAtTakeReportKeepsItsPackages) {
  for (unsigned seed = 1; seed <= 6; ++seed)
    expect_built_as_the_rules_say(mode::take_midway, seed);
}

}  // namespace
}  // namespace aptparse

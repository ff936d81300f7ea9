// report_builder's keying of package mentions (which mentions merge into
// one entry) held to a plain reference of its rules, over random mentions
// across many transactions: its fast paths (one hash of the name, the
// qualified lookup skipped while no entry is qualified, only the used sets
// cleared) must merge exactly as the rules say.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "aptparse/report.h"
#include "report/package_index.h"

namespace aptparse {
namespace {

using detail::package_index;

TEST(PackageIndexKeys, ArchExtendsTheBareHashAsTheWholeKeyHashes) {
  std::mt19937 rng(7);
  const std::string letters = "abcdefghijklmnopqrstuvwxyz0123456789+-.:";
  for (int i = 0; i < 2000; ++i) {
    std::string name(rng() % 40, 'x'), arch(rng() % 12, 'y');
    for (char& c : name) c = letters[rng() % letters.size()];
    for (char& c : arch) c = letters[rng() % letters.size()];
    EXPECT_EQ(package_index::hash(name, arch),
              package_index::with_arch(package_index::hash(name), arch));
    EXPECT_EQ(package_index::hash(name, ""), package_index::hash(name));
  }
}

// A set is kept up to the option, but all sets of one transaction at
// their limit must still fit the index (whose slots hold index + 1 in 31
// bits): past that the builder drops and reports, it never overflows.
TEST(PackageIndexKeys, EverySetAtItsLimitStillFitsTheIndex) {
  using detail::packages_per_set_limit;
  EXPECT_EQ(packages_per_set_limit(0), 0u);
  EXPECT_EQ(packages_per_set_limit(std::size_t{1} << 20), std::size_t{1} << 20);
  const std::size_t most = packages_per_set_limit(SIZE_MAX);
  EXPECT_LE(most * pkg_set_count, package_index::kMaxEntries);
  EXPECT_GT((most + 1) * pkg_set_count, package_index::kMaxEntries);
  EXPECT_EQ(packages_per_set_limit(most + 1), most);
}

TEST(PackageIndexKeys, HasQualifiedUntilCleared) {
  std::vector<package> set(3);
  set[0].name = "a";
  set[1].name = "b";
  set[1].arch = "i386";
  set[2].name = "c";
  package_index index;
  EXPECT_FALSE(index.has_qualified());
  index.insert(set.data(), 0, false, package_index::hash("a"));
  EXPECT_FALSE(index.has_qualified());
  index.insert(set.data(), 1, true, package_index::hash("b", "i386"));
  EXPECT_TRUE(index.has_qualified());
  EXPECT_EQ(
      index.find(set.data(), "b", "i386", package_index::hash("b", "i386")), 1);
  index.clear();
  EXPECT_FALSE(index.has_qualified());
  index.insert(set.data(), 2, false, package_index::hash("c"));
  EXPECT_FALSE(index.has_qualified());
}

// The builder's insert at the hole its find() stopped at (one probe per new
// entry) against the plain insert and a map, over random keys, bare or
// qualified, many repeated, through growth and clears.
TEST(PackageIndexKeys, InsertAtTheProbesHoleFindsWhatPlainInsertFinds) {
  std::mt19937 rng(12);
  const auto word = [&](std::size_t most) {
    std::string s(1 + rng() % most, 'x');
    for (char& c : s) c = static_cast<char>('a' + rng() % 4);
    return s;
  };
  package_index by_hole, plain;  // cleared, not replaced, between rounds
  for (int round = 0; round < 60; ++round) {
    by_hole.clear();
    plain.clear();
    std::vector<package> entries;
    entries.reserve(600);
    std::vector<std::pair<std::string, std::string>> keys;  // kept alive
    keys.reserve(600);
    std::map<std::pair<std::string, std::string>, long> want;
    const int n = 1 + static_cast<int>(rng() % 500);
    for (int i = 0; i < n; ++i) {
      keys.emplace_back(word(6), rng() % 4 == 0 ? word(2) : std::string());
      const auto& [name, arch] = keys.back();
      const std::size_t h = package_index::hash(name, arch);
      std::size_t hole = 0;
      const long at = by_hole.find(entries.data(), name, arch, h, hole);
      ASSERT_EQ(at, plain.find(entries.data(), name, arch, h));
      const auto it = want.find({name, arch});
      ASSERT_EQ(at, it == want.end() ? -1 : it->second);
      if (at >= 0) continue;
      entries.push_back(package{.name = name, .arch = arch});
      const std::size_t index = entries.size() - 1;
      by_hole.insert(entries.data(), index, !arch.empty(), h, hole);
      plain.insert(entries.data(), index, !arch.empty(), h);
      want[{name, arch}] = static_cast<long>(index);
    }
    for (const auto& [key, index] : want)
      ASSERT_EQ(by_hole.find(entries.data(), key.first, key.second,
                             package_index::hash(key.first, key.second)),
                index);
  }
}

// The rules, as plainly as they can be written: an entry per (name, key
// arch) in a set; see key_arch_of() in report_builder.cpp.
struct ref_entry {
  std::string name, key_arch, arch, new_version;
};

std::string reference_key_arch(const package_ref& r,
                               const std::vector<ref_entry>& set,
                               const std::string& native) {
  if (!r.arch_qualified) return "";
  if (!(r.flags & flag_log_arch)) return std::string(r.arch);
  for (const ref_entry& e : set)
    if (e.name == r.name && e.key_arch == r.arch) return std::string(r.arch);
  if (native.empty() || r.arch == native || r.arch == "all") return "";
  return std::string(r.arch);
}

void reference_add(const package_ref& r, std::vector<ref_entry>& set,
                   const std::string& native) {
  const std::string key = reference_key_arch(r, set, native);
  for (ref_entry& e : set) {
    if (e.name != r.name || e.key_arch != key) continue;
    if (e.arch.empty()) e.arch = r.arch;
    if (e.new_version.empty()) e.new_version = r.new_version;
    return;
  }
  set.push_back({std::string(r.name), key, std::string(r.arch),
                 std::string(r.new_version)});
}

void expect_keyed_as_the_rules_say(bool with_callback, unsigned seed) {
  static const char* const kNames[] = {"a", "libfoo", "libfoo-dev-long-name",
                                       "zz9", "python3-apt"};
  static const char* const kArches[] = {"", "amd64", "i386", "all", "arm64"};
  std::mt19937 rng(seed);
  std::vector<transaction> built;
  report_builder b({}, with_callback
                           ? report_builder::callback(
                                 [&](transaction&& t) { built.push_back(t); })
                           : report_builder::callback());
  std::vector<std::array<std::vector<ref_entry>, pkg_set_count>> expected;
  std::string native;
  std::vector<std::string> versions;
  for (int t = 0; t < 400; ++t) {
    if (rng() % 8 == 0) {
      native = kArches[rng() % 3];
      b.on_native_arch(native, {});
    }
    expected.emplace_back();
    b.on_transaction_begin({});
    // A transaction uses one to three of the first sets, not all.
    const int first = static_cast<int>(rng() % 12);
    const int used = 1 + static_cast<int>(rng() % 3);
    const int mentions = static_cast<int>(rng() % 30);
    versions.assign(static_cast<std::size_t>(mentions), "");
    for (int m = 0; m < mentions; ++m) {
      package_ref r;
      r.set = static_cast<pkg_set>(first + static_cast<int>(rng() % used));
      r.name = kNames[rng() % 5];
      r.arch = kArches[rng() % 5];
      r.arch_qualified = !r.arch.empty() && rng() % 4 != 0;
      r.flags = rng() % 3 != 0 ? flag_log_arch : 0;
      versions[static_cast<std::size_t>(m)] = std::to_string(t * 100 + m);
      r.new_version = versions[static_cast<std::size_t>(m)];
      b.on_package(r, {});
      reference_add(r, expected.back()[static_cast<std::size_t>(r.set)],
                    native);
    }
    b.on_transaction_end({});
  }
  if (!with_callback) built = std::move(b.take_report().transactions);
  ASSERT_EQ(built.size(), expected.size());
  for (std::size_t t = 0; t < built.size(); ++t) {
    for (int s = 0; s < pkg_set_count; ++s) {
      const auto got = built[t].set(static_cast<pkg_set>(s));
      const auto& want = expected[t][static_cast<std::size_t>(s)];
      ASSERT_EQ(got.size(), want.size()) << "transaction " << t << " set " << s;
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].name, want[i].name);
        EXPECT_EQ(got[i].arch, want[i].arch);
        EXPECT_EQ(got[i].new_version, want[i].new_version);
      }
    }
  }
}

TEST(ReportBuilderKeys, MergesAsTheRulesSayInAReport) {
  for (unsigned seed = 1; seed <= 5; ++seed)
    expect_keyed_as_the_rules_say(false, seed);
}

TEST(ReportBuilderKeys, MergesAsTheRulesSayThroughACallback) {
  for (unsigned seed = 1; seed <= 5; ++seed)
    expect_keyed_as_the_rules_say(true, seed);
}

}  // namespace
}  // namespace aptparse

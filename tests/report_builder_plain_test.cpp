// report_builder's first mention of a package: the fast path for mentions
// without origins, note or suite (package_from with `plain`) must build the
// same package as saving every field, over random mentions.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "aptparse/report.h"
#include "report/package_from.h"
#include "report/string_arena.h"

namespace aptparse {
namespace {

void expect_same(const package& a, const package& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.arch, b.arch);
  EXPECT_EQ(a.old_version, b.old_version);
  EXPECT_EQ(a.new_version, b.new_version);
  EXPECT_EQ(a.origins, b.origins);
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.suite, b.suite);
  EXPECT_EQ(a.alternatives, b.alternatives);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.security, b.security);
  EXPECT_EQ(a.purge, b.purge);
  EXPECT_EQ(a.automatic, b.automatic);
  EXPECT_EQ(a.simulated, b.simulated);
  EXPECT_EQ(a.upgradable, b.upgradable);
  EXPECT_EQ(a.installed, b.installed);
  EXPECT_EQ(a.local, b.local);
  EXPECT_EQ(a.residual_config, b.residual_config);
  EXPECT_EQ(a.auto_removable, b.auto_removable);
}

// A random mention: its text owned here, `ref` viewing it; each field but
// the name empty now and then, none longer than `longest` bytes.
struct random_mention {
  std::string name, arch, oldv, newv, origins, note, suite;
  package_ref ref;
  random_mention(std::mt19937& rng, std::size_t longest) {
    const std::string letters = "abcdefghijklmnopqrstuvwxyz0123456789+-.:~/ ";
    const auto text = [&](bool empty) {
      std::string s(empty ? 0 : 1 + rng() % longest, 'x');
      for (char& c : s) c = letters[rng() % letters.size()];
      return s;
    };
    name = text(false);
    arch = text(rng() % 4 == 0);
    oldv = text(rng() % 3 == 0);
    newv = text(rng() % 3 == 0);
    origins = text(rng() % 2 == 0);
    note = text(rng() % 2 == 0);
    suite = text(rng() % 2 == 0);
    ref.name = name;
    ref.arch = arch;
    ref.old_version = oldv;
    ref.new_version = newv;
    ref.origins = origins;
    ref.note = note;
    ref.suite = suite;
    ref.reason = static_cast<hold_reason>(rng() % 3);
    ref.flags = static_cast<std::uint16_t>(rng());
  }
  random_mention(const random_mention&) = delete;
  random_mention& operator=(const random_mention&) = delete;
};

TEST(ReportBuilderPlain, PlainPathBuildsWhatSavingEveryFieldBuilds) {
  std::mt19937 rng(15);
  string_arena arena;
  int plain_seen = 0;
  for (int i = 0; i < 5000; ++i) {
    const random_mention m(rng, 20);
    const package_ref& r = m.ref;
    const std::string_view arch = m.arch;
    const bool plain = detail::plain_ref(r);
    EXPECT_EQ(plain, m.origins.empty() && m.note.empty() && m.suite.empty());
    plain_seen += plain;
    const std::optional<bool> sec =
        plain ? std::nullopt : std::optional<bool>(rng() % 2 == 0);
    expect_same(detail::package_from(r, arena, arch, sec, plain),
                detail::package_from(r, arena, arch, sec, false));
  }
  EXPECT_GT(plain_seen, 100);
}

// emplace_package (the builder's path: fields written one by one into raw
// memory) against package_from's aggregate, over random mentions, plain or
// not, into a slot filled with garbage first: a field it forgot to write
// would keep the garbage.
TEST(ReportBuilderPlain, EmplacedPackageEqualsTheAggregateOne) {
  std::mt19937 rng(12);
  string_arena arena;
  alignas(package) unsigned char slot[sizeof(package)];
  for (int i = 0; i < 5000; ++i) {
    const random_mention m(rng, 40);
    const package_ref& r = m.ref;
    const std::string_view arch = m.arch;
    const bool plain = detail::plain_ref(r);
    const std::optional<bool> sec =
        rng() % 3 == 0 ? std::nullopt : std::optional<bool>(rng() % 2 == 0);
    std::memset(slot, static_cast<int>(rng() % 255 + 1), sizeof slot);
    package* p = detail::emplace_package(slot, r, arena, arch, sec, plain);
    const package want = detail::package_from(r, arena, arch, sec, plain);
    expect_same(*p, want);
    EXPECT_TRUE(*p == want);
    std::destroy_at(p);
  }
}

// Through the builder: plain mentions keep empty optional fields and an
// unknown security, those with origins keep theirs.
TEST(ReportBuilderPlain, BuilderKeepsEveryFieldOfAFirstMention) {
  report_builder b;
  b.on_transaction_begin({});
  package_ref plain;
  plain.set = pkg_set::upgraded;
  plain.name = "libc6";
  plain.arch = "amd64";
  plain.arch_qualified = true;
  plain.old_version = "2.36-9";
  plain.new_version = "2.36-9+deb12u4";
  plain.flags = flag_automatic;
  b.on_package(plain, {});
  package_ref full = plain;
  full.name = "openssl";
  full.origins = "Debian-Security:12/stable-security";
  full.note = "due to foo";
  b.on_package(full, {});
  b.on_transaction_end({});
  const report r = b.take_report();
  ASSERT_EQ(r.transactions.size(), 1u);
  const auto up = r.transactions[0].upgraded();
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[0].name, "libc6");
  EXPECT_EQ(up[0].new_version, "2.36-9+deb12u4");
  EXPECT_TRUE(up[0].automatic);
  EXPECT_TRUE(up[0].origins.empty() && up[0].note.empty() &&
              up[0].suite.empty());
  EXPECT_FALSE(up[0].security.has_value());
  EXPECT_EQ(up[1].origins, "Debian-Security:12/stable-security");
  EXPECT_EQ(up[1].note, "due to foo");
  EXPECT_EQ(up[1].security, std::optional<bool>(true));
}

// package_from's flags, set as one word, against a test per flag: every
// value of the 16 flag bits (the bits of no package flag must not leak).
TEST(ReportBuilderPlain, FlagWordSetsEachFlagFromItsOwnBit) {
  string_arena arena;
  for (std::uint32_t f = 0; f <= 0xffff; ++f) {
    package_ref r;
    r.name = "p";
    r.flags = static_cast<std::uint16_t>(f);
    const package p = detail::package_from(r, arena, "", std::nullopt, true);
    ASSERT_EQ(p.purge, (f & flag_purge) != 0) << f;
    ASSERT_EQ(p.automatic, (f & flag_automatic) != 0) << f;
    ASSERT_EQ(p.simulated, (f & flag_simulated) != 0) << f;
    ASSERT_EQ(p.upgradable, (f & flag_upgradable) != 0) << f;
    ASSERT_EQ(p.installed, (f & flag_installed) != 0) << f;
    ASSERT_EQ(p.local, (f & flag_local) != 0) << f;
    ASSERT_EQ(p.residual_config, (f & flag_residual_config) != 0) << f;
    ASSERT_EQ(p.auto_removable, (f & flag_auto_removable) != 0) << f;
    // Each bool's byte is 0 or 1, as a bool must be.
    unsigned char bytes[8];
    std::memcpy(bytes, &p.purge, sizeof bytes);
    for (unsigned char b : bytes) ASSERT_LE(b, 1) << f;
  }
}

}  // namespace
}  // namespace aptparse

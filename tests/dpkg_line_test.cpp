#include "classify/dpkg_line.h"

#include <gtest/gtest.h>

#include "classify/sim_line.h"
#include "classify/version_change.h"

namespace aptparse::detail {
namespace {

TEST(DpkgLine, UnpackOverComparesVersionsLikeASimulateLine) {
  // installed, unpacked, what both dpkg and apt's simulate lines mean
  const struct {
    const char* installed;
    const char* candidate;
    pkg_set set;
  } cases[] = {
      {"1.0-1", "1.0-2", pkg_set::upgraded},
      {"1:0.9", "2.0", pkg_set::downgraded},  // the epoch wins
      {"2.0~rc1", "2.0", pkg_set::upgraded},  // '~' sorts first
      {"2.0-1", "2.0-1", pkg_set::reinstalled},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(version_change(c.installed, c.candidate), c.set)
        << c.installed << " -> " << c.candidate;
    const package_ref d = dpkg_package(dpkg_act::unpack_over, "a:amd64",
                                       c.candidate, c.installed);
    EXPECT_EQ(d.set, c.set);
    EXPECT_EQ(d.old_version, c.installed);
    EXPECT_EQ(d.new_version, c.candidate);
    const std::string sim = std::string("a [") + c.installed + "] (" +
                            c.candidate + " Debian:12/stable [amd64])";
    const sim_fields f = sim_fields_of(sim);
    ASSERT_FALSE(f.name.empty());
    EXPECT_EQ(inst_package(f).set, c.set) << sim;
  }
}

TEST(DpkgLine, NamesAreQualifiedAsInTheLogs) {
  const package_ref p =
      dpkg_package(dpkg_act::unpack_new, "libc6:amd64", "2.36-9", "");
  EXPECT_EQ(p.set, pkg_set::newly_installed);
  EXPECT_EQ(p.name, "libc6");
  EXPECT_EQ(p.arch, "amd64");
  EXPECT_TRUE(p.arch_qualified);
  EXPECT_TRUE(p.flags & flag_log_arch);
  EXPECT_EQ(p.new_version, "2.36-9");
  EXPECT_TRUE(p.old_version.empty());
}

TEST(DpkgLine, RemoveAndPurgeKeepTheRemovedVersion) {
  const package_ref r = dpkg_package(dpkg_act::remove, "jq", "1.6-2.1", "");
  EXPECT_EQ(r.set, pkg_set::to_remove);
  EXPECT_EQ(r.old_version, "1.6-2.1");
  EXPECT_FALSE(r.flags & flag_purge);
  const package_ref p = dpkg_package(dpkg_act::purge, "jq", "1.6-2.1", "");
  EXPECT_EQ(p.set, pkg_set::to_remove);
  EXPECT_TRUE(p.flags & flag_purge);
}

}  // namespace
}  // namespace aptparse::detail

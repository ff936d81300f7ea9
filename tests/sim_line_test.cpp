#include "classify/sim_line.h"

#include <gtest/gtest.h>

namespace aptparse::detail {
namespace {

TEST(SimLine, InstWithCurrentVersionIsAnUpgradeWithOriginsAndArch) {
  sim_fields f;
  ASSERT_TRUE(parse_sim_fields(
      "libc6 [2.36-9+deb12u7] (2.36-9+deb12u10 Debian:12.11/stable, "
      "Debian-Security:12/stable-security [amd64]) [libc-bin:amd64 ]",
      f));
  package_ref p = inst_package(f);
  EXPECT_EQ(p.set, pkg_set::upgraded);
  EXPECT_EQ(p.name, "libc6");
  EXPECT_EQ(p.arch, "amd64");
  EXPECT_FALSE(p.arch_qualified);
  EXPECT_EQ(p.old_version, "2.36-9+deb12u7");
  EXPECT_EQ(p.new_version, "2.36-9+deb12u10");
  EXPECT_EQ(p.origins,
            "Debian:12.11/stable, Debian-Security:12/stable-security");
}

TEST(SimLine, InstWithoutCurrentVersionIsANewInstall) {
  sim_fields f;
  ASSERT_TRUE(parse_sim_fields("jq (1.6-2.1 Debian:12.11/stable [amd64])", f));
  EXPECT_EQ(inst_package(f).set, pkg_set::newly_installed);
}

TEST(SimLine, LowerOrEqualCandidateIsADowngradeOrReinstall) {
  sim_fields f;
  ASSERT_TRUE(parse_sim_fields("a [2.0-1] (1.9-3 stable [all])", f));
  EXPECT_EQ(inst_package(f).set, pkg_set::downgraded);
  ASSERT_TRUE(parse_sim_fields("a [2.0-1] (2.0-1 stable [all])", f));
  EXPECT_EQ(inst_package(f).set, pkg_set::reinstalled);
}

TEST(SimLine, ForeignArchNameAndLabelWithSpaces) {
  sim_fields f;
  ASSERT_TRUE(parse_sim_fields(
      "libfoo:i386 [1.0] (1.1 release/4.1.0-2 jessie:jessie [i386])", f));
  package_ref p = inst_package(f);
  EXPECT_EQ(p.name, "libfoo");
  EXPECT_EQ(p.arch, "i386");
  EXPECT_TRUE(p.arch_qualified);
  EXPECT_EQ(p.origins, "release/4.1.0-2 jessie:jessie");
}

TEST(SimLine, RemvAndPurgHaveNoParentheses) {
  sim_fields f;
  ASSERT_TRUE(parse_sim_fields("nano [7.2-1]", f));
  package_ref p = removal_package(f, /*purge=*/true);
  EXPECT_EQ(p.set, pkg_set::to_remove);
  EXPECT_EQ(p.old_version, "7.2-1");
  EXPECT_TRUE(p.flags & flag_purge);
  EXPECT_TRUE(p.arch.empty());
}

TEST(SimLine, TruncatedLinesDoNotOverrun) {
  sim_fields f;
  EXPECT_FALSE(parse_sim_fields("", f));
  EXPECT_TRUE(parse_sim_fields("a [1.0", f));
  EXPECT_EQ(f.current, "1.0");
  EXPECT_TRUE(parse_sim_fields("a (1.0 stable [amd", f));
  EXPECT_EQ(f.candidate, "1.0");
}

}  // namespace
}  // namespace aptparse::detail

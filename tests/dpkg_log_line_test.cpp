#include "classify/dpkg_log_line.h"

#include <gtest/gtest.h>

#include "support/parse_expect.h"

namespace aptparse::detail {
namespace {

dpkg_log_fields parsed(std::string_view line) {
  return testing::parsed_as<dpkg_log_fields>(parse_dpkg_log_line, line);
}

bool rejects(std::string_view line) {
  dpkg_log_fields f;
  return !parse_dpkg_log_line(line, f);
}

// Lines copied from corpus/logs/*-dpkg-log.log (dpkg 1.21 and 1.22).
TEST(DpkgLogLine, StartupLinesNameTheInvocation) {
  const struct {
    const char* line;
    dpkg_invocation invocation;
  } cases[] = {
      {"2026-11-27 05:56:57 startup archives unpack", dpkg_invocation::unpack},
      {"2026-11-27 05:56:59 startup packages configure",
       dpkg_invocation::configure},
      {"2026-11-27 05:57:41 startup packages remove", dpkg_invocation::remove},
      {"2026-11-27 05:58:16 startup packages purge", dpkg_invocation::purge},
      // Written by dpkg's own source (src/main/main.c's action table).
      {"2014-03-01 10:00:00 startup archives install",
       dpkg_invocation::install},
      {"2014-03-01 10:00:00 startup packages triggers-only",
       dpkg_invocation::triggers_only},
  };
  for (const auto& c : cases) {
    const dpkg_log_fields f = parsed(c.line);
    EXPECT_EQ(f.kind, dpkg_log_kind::startup) << c.line;
    EXPECT_EQ(f.invocation, c.invocation) << c.line;
    EXPECT_EQ(f.time, std::string_view(c.line).substr(0, 19));
  }
  EXPECT_TRUE(rejects("2026-11-27 05:56:57 startup archives configure"));
  EXPECT_TRUE(rejects("2026-11-27 05:56:57 startup packages"));
}

TEST(DpkgLogLine, ActionLinesGiveBothVersionsAndNoneAsEmpty) {
  dpkg_log_fields f = parsed(
      "2026-11-27 05:56:57 upgrade perl-base:amd64 5.36.0-7+deb12u3 "
      "5.36.0-7+deb12u4");
  EXPECT_EQ(f.kind, dpkg_log_kind::upgrade);
  EXPECT_EQ(f.name, "perl-base");
  EXPECT_EQ(f.arch, "amd64");
  EXPECT_EQ(f.installed, "5.36.0-7+deb12u3");
  EXPECT_EQ(f.available, "5.36.0-7+deb12u4");

  f = parsed(
      "2026-11-27 05:57:09 install git-man:all <none> 1:2.39.5-0+deb12u3");
  EXPECT_EQ(f.kind, dpkg_log_kind::install);
  EXPECT_EQ(f.installed, "");
  EXPECT_EQ(f.available, "1:2.39.5-0+deb12u3");

  f = parsed(
      "2026-11-27 05:57:14 trigproc libc-bin:amd64 2.36-9+deb12u14 <none>");
  EXPECT_EQ(f.kind, dpkg_log_kind::trigproc);
  EXPECT_EQ(f.available, "");

  // Before multiarch (dpkg < 1.16.2) the name has no architecture.
  f = parsed("2011-06-01 12:00:00 remove hello 2.6-1 2.6-1");
  EXPECT_EQ(f.kind, dpkg_log_kind::remove);
  EXPECT_EQ(f.name, "hello");
  EXPECT_EQ(f.arch, "");
  EXPECT_EQ(f.installed, "2.6-1");
}

TEST(DpkgLogLine, StatusLinesKnowEveryStateDpkgNames) {
  const struct {
    const char* state;
    dpkg_state value;
    bool failed;
  } cases[] = {
      {"not-installed", dpkg_state::not_installed, false},
      {"config-files", dpkg_state::config_files, false},
      {"half-installed", dpkg_state::half_installed, true},
      {"unpacked", dpkg_state::unpacked, true},
      {"half-configured", dpkg_state::half_configured, true},
      {"triggers-awaited", dpkg_state::triggers_awaited, false},
      {"triggers-pending", dpkg_state::triggers_pending, false},
      {"installed", dpkg_state::installed, false},
  };
  for (const auto& c : cases) {
    const std::string line = std::string("2026-11-27 05:58:51 status ") +
                             c.state + " aptparse-failing-postinst:all 1.0";
    const dpkg_log_fields f = parsed(line);
    EXPECT_EQ(f.kind, dpkg_log_kind::status);
    EXPECT_EQ(f.state, c.value) << c.state;
    EXPECT_EQ(is_failed_state(f.state), c.failed) << c.state;
    EXPECT_EQ(f.name, "aptparse-failing-postinst");
    EXPECT_EQ(f.installed, "1.0");
  }
  const dpkg_log_fields gone =
      parsed("2026-11-27 05:59:26 status not-installed nano:amd64 <none>");
  EXPECT_EQ(gone.installed, "");
  EXPECT_TRUE(rejects("2026-11-27 05:59:26 status removed nano:amd64 <none>"));
}

TEST(DpkgLogLine, ConffileLinesKeepPathsWithSpaces) {
  dpkg_log_fields f = parsed("2024-01-02 03:04:05 conffile /etc/a b.conf keep");
  EXPECT_EQ(f.kind, dpkg_log_kind::conffile);
  EXPECT_EQ(f.path, "/etc/a b.conf");
  EXPECT_FALSE(f.conffile_installed);
  f = parsed("2024-01-02 03:04:05 conffile /etc/default/grub install");
  EXPECT_TRUE(f.conffile_installed);
  EXPECT_TRUE(rejects("2024-01-02 03:04:05 conffile /etc/x maybe"));
}

TEST(DpkgLogLine, OtherTextIsNotDpkgs) {
  EXPECT_TRUE(rejects(""));
  EXPECT_TRUE(rejects("2026-11-27 05:56:57"));
  EXPECT_TRUE(rejects("2026-11-27 05:56:57 "));
  EXPECT_TRUE(rejects("2026-11-27 05:5"));  // a line cut off
  EXPECT_TRUE(rejects("2026-11-27 05:59:26 status not-inst"));
  EXPECT_TRUE(rejects("2026-11-27 05:59:22 install libncursesw6:amd64 <none>"));
  EXPECT_TRUE(rejects("2026-11-27T05:56:57 startup archives unpack"));
  EXPECT_TRUE(rejects("Nov 27 05:56:57 host kernel: oom-killer"));
  EXPECT_TRUE(
      rejects("0 upgraded, 1 newly installed, 0 to remove and 5 "
              "not upgraded."));
  EXPECT_TRUE(rejects("2026-11-27 05:56:57 update-alternatives: run with"));
  // The shape is checked, not the calendar: the machine checks the date.
  EXPECT_FALSE(rejects("2026-13-45 99:99:99 startup archives unpack"));
}

TEST(DpkgLogLine, PackagesFollowTheSharedVersionRule) {
  const struct {
    const char* line;
    pkg_set set;
    bool purge;
  } cases[] = {
      {"2026-11-27 05:57:09 install git-man:all <none> 1:2.39.5-0+deb12u3",
       pkg_set::newly_installed, false},
      {"2026-11-27 05:58:22 upgrade tzdata:all 2026b-0+deb12u1 "
       "2026f-0+deb12u1",
       pkg_set::upgraded, false},
      {"2026-11-27 05:58:36 upgrade tzdata:all 2026f-0+deb12u1 "
       "2026b-0+deb12u1",
       pkg_set::downgraded, false},
      {"2026-11-27 05:58:18 upgrade sed:amd64 4.9-1+deb12u1 4.9-1+deb12u1",
       pkg_set::reinstalled, false},
      {"2026-11-27 05:57:41 remove vim:amd64 2:9.0.1378-2+deb12u2 <none>",
       pkg_set::to_remove, false},
      {"2026-11-27 05:59:26 purge nano:amd64 7.2-1+deb12u1 <none>",
       pkg_set::to_remove, true},
      {"2026-11-27 05:59:26 disappear old:amd64 1.0 <none>",
       pkg_set::disappeared, false},
  };
  for (const auto& c : cases) {
    const dpkg_log_fields f = parsed(c.line);
    ASSERT_TRUE(changes_package(f.kind)) << c.line;
    const package_ref p = dpkg_log_package(f);
    EXPECT_EQ(p.set, c.set) << c.line;
    EXPECT_EQ((p.flags & flag_purge) != 0, c.purge) << c.line;
    EXPECT_TRUE(p.flags & flag_log_arch);
    EXPECT_TRUE(p.arch_qualified);
  }
  EXPECT_FALSE(changes_package(dpkg_log_kind::configure));
  EXPECT_FALSE(changes_package(dpkg_log_kind::status));
}

}  // namespace
}  // namespace aptparse::detail

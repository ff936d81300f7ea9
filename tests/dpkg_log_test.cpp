// dpkg.log end to end: one transaction per apt run (events.h's rule), what
// dpkg did, times, the failed set, apt's runs from history.log, bad lines.
// The lines are cut from corpus/logs/debian12-apt2.6.1-dpkg-log.log.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aptparse/report.h"
#include "support/parse_expect.h"

namespace aptparse {
namespace {

using testing::has_diagnostic;
using testing::names;
using testing::only_transaction;

// `apt-get purge --autoremove git`: dpkg --remove, --configure --pending,
// then --purge one second later; then `apt-get install --reinstall sed
// less` two seconds after the last line.
constexpr std::string_view kPurgeThenReinstall =
    "2026-11-27 05:58:15 startup packages remove\n"
    "2026-11-27 05:58:15 remove libssl3:amd64 3.0.22-1~deb12u2 <none>\n"
    "2026-11-27 05:58:15 status config-files libssl3:amd64 3.0.22-1~deb12u2\n"
    "2026-11-27 05:58:15 remove git:amd64 1:2.39.5-0+deb12u3 <none>\n"
    "2026-11-27 05:58:15 status config-files git:amd64 1:2.39.5-0+deb12u3\n"
    "2026-11-27 05:58:15 startup packages configure\n"
    "2026-11-27 05:58:16 startup packages purge\n"
    "2026-11-27 05:58:16 purge git:amd64 1:2.39.5-0+deb12u3 <none>\n"
    "2026-11-27 05:58:16 status config-files git:amd64 1:2.39.5-0+deb12u3\n"
    "2026-11-27 05:58:16 status not-installed git:amd64 <none>\n"
    "2026-11-27 05:58:16 startup packages configure\n"
    "2026-11-27 05:58:18 startup archives unpack\n"
    "2026-11-27 05:58:18 upgrade sed:amd64 4.9-1+deb12u1 4.9-1+deb12u1\n"
    "2026-11-27 05:58:18 status half-installed sed:amd64 4.9-1+deb12u1\n"
    "2026-11-27 05:58:19 status unpacked sed:amd64 4.9-1+deb12u1\n"
    "2026-11-27 05:58:19 startup packages configure\n"
    "2026-11-27 05:58:19 configure sed:amd64 4.9-1+deb12u1 <none>\n"
    "2026-11-27 05:58:19 status installed sed:amd64 4.9-1+deb12u1\n"
    "2026-11-27 05:58:19 startup archives unpack\n"
    "2026-11-27 05:58:19 install less:amd64 <none> 590-2.1~deb12u2\n"
    "2026-11-27 05:58:19 status unpacked less:amd64 590-2.1~deb12u2\n"
    "2026-11-27 05:58:19 startup packages configure\n"
    "2026-11-27 05:58:19 configure less:amd64 590-2.1~deb12u2 <none>\n"
    "2026-11-27 05:58:19 status installed less:amd64 590-2.1~deb12u2\n";

TEST(DpkgLog, OneTransactionPerAptRunWithWhatDpkgDid) {
  const report r = parse(kPurgeThenReinstall);
  ASSERT_EQ(r.transactions.size(), 2u);
  const transaction& purge = r.transactions[0];
  EXPECT_EQ(names(purge.to_remove()),
            (std::vector<std::string>{"libssl3", "git"}));
  EXPECT_FALSE(purge.to_remove()[0].purge);
  EXPECT_TRUE(purge.to_remove()[1].purge);  // removed, then purged
  EXPECT_EQ(purge.to_remove()[1].old_version, "1:2.39.5-0+deb12u3");
  EXPECT_EQ(purge.start, "2026-11-27T05:58:15");
  EXPECT_EQ(purge.end, "2026-11-27T05:58:16");
  EXPECT_TRUE(purge.failed().empty());  // config-files after a remove is fine
  EXPECT_TRUE(purge.span.complete);
  EXPECT_EQ(purge.span.first.line, 1u);
  EXPECT_EQ(purge.span.last.line, 11u);

  const transaction& reinstall = r.transactions[1];
  EXPECT_EQ(names(reinstall.reinstalled()), (std::vector<std::string>{"sed"}));
  EXPECT_EQ(names(reinstall.newly_installed()),
            (std::vector<std::string>{"less"}));
  EXPECT_EQ(reinstall.newly_installed()[0].arch, "amd64");
  EXPECT_EQ(reinstall.newly_installed()[0].new_version, "590-2.1~deb12u2");
  EXPECT_EQ(reinstall.start, "2026-11-27T05:58:18");
  EXPECT_EQ(reinstall.end, "2026-11-27T05:58:19");
  EXPECT_TRUE(reinstall.diagnostics.empty());
}

// `apt-get install ./aptparse-failing-postinst_1.0_all.deb`, whose postinst
// fails: dpkg leaves it half-configured, and apt stops.
constexpr std::string_view kFailingPostinst =
    "2026-11-27 05:58:51 startup archives unpack\n"
    "2026-11-27 05:58:51 install aptparse-failing-postinst:all <none> 1.0\n"
    "2026-11-27 05:58:51 status half-installed aptparse-failing-postinst:all "
    "1.0\n"
    "2026-11-27 05:58:51 status unpacked aptparse-failing-postinst:all 1.0\n"
    "2026-11-27 05:58:51 startup packages configure\n"
    "2026-11-27 05:58:51 configure aptparse-failing-postinst:all 1.0 <none>\n"
    "2026-11-27 05:58:51 status unpacked aptparse-failing-postinst:all 1.0\n"
    "2026-11-27 05:58:51 status half-configured aptparse-failing-postinst:all "
    "1.0\n";

TEST(DpkgLog, PackagesLeftHalfConfiguredAreFailed) {
  const report r = parse(kFailingPostinst);
  const transaction& t = only_transaction(r);
  ASSERT_EQ(names(t.failed()),
            (std::vector<std::string>{"aptparse-failing-postinst"}));
  EXPECT_EQ(t.failed()[0].arch, "all");
  EXPECT_EQ(t.failed()[0].new_version, "1.0");
  EXPECT_EQ(names(t.newly_installed()), names(t.failed()));
}

std::string shifted(std::string_view first_run, std::string_view time) {
  std::string out(first_run);
  for (std::size_t at = 0; at < out.size(); at = out.find('\n', at) + 1)
    out.replace(at, time.size(), time);
  return out;
}

TEST(DpkgLog, GapsDecideWhereARunEnds) {
  // After a --configure call the next run begins 2 seconds on; after any
  // other call (here the --unpack of the failing run), 60 seconds on.
  const std::string unpack_only(kFailingPostinst.substr(
      0, kFailingPostinst.find("2026-11-27 05:58:51 startup packages")));
  const struct {
    std::string first, second;
    std::size_t transactions;
  } cases[] = {
      {std::string(kFailingPostinst),
       shifted(kFailingPostinst, "2026-11-27 05:58:52"), 1},
      {std::string(kFailingPostinst),
       shifted(kFailingPostinst, "2026-11-27 05:58:53"), 2},
      {unpack_only, shifted(kFailingPostinst, "2026-11-27 05:59:50"), 1},
      {unpack_only, shifted(kFailingPostinst, "2026-11-27 05:59:51"), 2},
  };
  for (const auto& c : cases)
    EXPECT_EQ(parse(c.first + c.second).transactions.size(), c.transactions)
        << c.second.substr(0, 19);
}

TEST(DpkgLog, AptRunsFromHistoryGroupExactly) {
  // Two runs one second apart: one transaction by the rule, two by the
  // runs history.log recorded.
  const std::string text = std::string(kFailingPostinst) +
                           shifted(kFailingPostinst, "2026-11-27 05:58:52");
  const report history = parse(
      "Start-Date: 2026-11-27  05:58:51\n"
      "Commandline: apt-get -y install "
      "./aptparse-failing-postinst_1.0_all.deb\n"
      "Install: aptparse-failing-postinst:all (1.0)\n"
      "End-Date: 2026-11-27  05:58:51\n"
      "\n"
      "Start-Date: 2026-11-27  05:58:52\n"
      "Commandline: apt-get -y install "
      "./aptparse-failing-postinst_1.0_all.deb\n"
      "End-Date: 2026-11-27  05:58:52\n");
  options o;
  o.apt_runs = apt_runs_of(history);
  ASSERT_EQ(o.apt_runs.size(), 2u);
  EXPECT_EQ(o.apt_runs[1].start, "2026-11-27T05:58:52");
  ASSERT_EQ(parse(text).transactions.size(), 1u);
  const report r = parse(text, o);
  ASSERT_EQ(r.transactions.size(), 2u);
  EXPECT_EQ(r.transactions[1].start, "2026-11-27T05:58:52");
  EXPECT_EQ(r.transactions[1].span.first.line, 9u);
  // dpkg runs outside every apt run (dpkg -i by hand) are runs of their own.
  o.apt_runs.pop_back();
  EXPECT_EQ(parse(text, o).transactions.size(), 2u);
}

TEST(DpkgLog, BadLinesAreReportedAndMakeTheRunIncomplete) {
  const std::string run(kFailingPostinst);
  const std::size_t second = run.find('\n') + 1;
  const struct {
    std::string text;
    errc code;
  } cases[] = {
      // another program's line written into the log
      {run.substr(0, second) + "Nov 27 05:58:51 host kernel: oom\n" +
           run.substr(second),
       errc::foreign_log_line},
      // cut off inside the last line
      {run.substr(0, run.size() - 12), errc::foreign_log_line},
      // a date that is no date
      {run.substr(0, second) + "2026-11-31" + run.substr(second + 10),
       errc::unparsable_time},
  };
  for (const auto& c : cases) {
    const report r = parse(c.text);
    ASSERT_EQ(r.transactions.size(), 1u) << c.text;
    const transaction& t = r.transactions[0];
    EXPECT_TRUE(has_diagnostic(t, c.code)) << c.text;
    EXPECT_FALSE(t.span.complete) << c.text;
    EXPECT_EQ(t.start, "2026-11-27T05:58:51");
  }
  EXPECT_EQ(parse(cases[0].text).transactions[0].unrecognized_count, 1u);
  EXPECT_TRUE(parse(cases[1].text)
                  .transactions[0]
                  .unrecognized[0]
                  .text.starts_with("2026-11-27 05:58:51 status "
                                    "half-configured aptparse-failing-pos"));
}

}  // namespace
}  // namespace aptparse

// CI prefixes: unit tests of the stripping, and every corpus log rewritten
// the way BuildKit and GitHub Actions write logs must give the transactions
// of the clean log.
#include "lines/ci_prefix.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "aptparse/aptparse.h"
#include "support/corpus_files.h"
#include "support/rewritten_logs.h"

namespace aptparse {
namespace {

using detail::strip_ci_prefix;
using testing::content;
using testing::with_prefix;

TEST(CiPrefix, BuildKitLogLineLosesItsStepAndTime) {
  auto r = strip_ci_prefix("#7 12.34 Reading package lists...");
  EXPECT_EQ(r.text, "Reading package lists...");
  EXPECT_EQ(r.kind, line_prefix::buildkit);
  EXPECT_FALSE(r.ci_status);
  EXPECT_EQ(strip_ci_prefix("#12 0.512   libc6 tzdata").text, "  libc6 tzdata");
}

TEST(CiPrefix, BuildKitStatusLinesAreTheCiSystems) {
  EXPECT_TRUE(strip_ci_prefix("#7 [2/3] RUN apt-get update").ci_status);
  EXPECT_TRUE(strip_ci_prefix("#7 DONE 12.3s").ci_status);
}

TEST(CiPrefix, GitHubTimestampIsStripped) {
  auto r = strip_ci_prefix("2024-05-01T10:00:00.1234567Z   libc6 tzdata");
  EXPECT_EQ(r.text, "  libc6 tzdata");
  EXPECT_EQ(r.kind, line_prefix::github_actions);
  EXPECT_TRUE(
      strip_ci_prefix("2024-05-01T10:00:00Z ##[group]Run apt").ci_status);
  EXPECT_EQ(strip_ci_prefix("2024-05-01T10:00:00.5Z").text, "");
}

TEST(CiPrefix, LinesWithoutAPrefixAreLeftAlone) {
  for (std::string_view line :
       {"2026-11-27 05:23:16 upgrade libzstd1:amd64 1.5 1.6",  // dpkg.log
        "Start-Date: 2026-11-27  05:18:45", "#", "# APT news", "#7", "#x 1.2 y",
        "12 upgraded, 0 newly installed", "2024-05-01T10:00:00",
        "2024-05-01T10:00:00.Z x", "  libc6"}) {
    auto r = strip_ci_prefix(line);
    EXPECT_EQ(r.text, line);
    EXPECT_EQ(r.kind, line_prefix::none) << line;
  }
}

class PrefixedCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(PrefixedCorpus, PrefixedLogGivesTheTransactionsOfTheCleanLog) {
  const std::string log =
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log"));
  const report clean = parse(log);
  const auto buildkit = with_prefix(log, [](std::size_t n, std::string_view) {
    return fmt::format("#7 {}.{:03} ", n / 100, n % 1000);
  });
  const auto github = with_prefix(log, [](std::size_t n, std::string_view) {
    return fmt::format("2024-05-01T10:{:02}:{:02}.{:07}Z ", n / 60 % 60, n % 60,
                       n * 7919 % 10000000);
  });
  for (const auto& [name, text, kind] :
       {std::tuple{"buildkit", buildkit, line_prefix::buildkit},
        std::tuple{"github", github, line_prefix::github_actions}}) {
    const report r = parse(text);
    ASSERT_EQ(r.transactions.size(), clean.transactions.size()) << name;
    for (std::size_t i = 0; i < r.transactions.size(); ++i) {
      EXPECT_EQ(content(r.transactions[i]), content(clean.transactions[i]))
          << name << " transaction " << i;
      EXPECT_EQ(r.transactions[i].span.prefix, kind);
      EXPECT_EQ(clean.transactions[i].span.prefix, line_prefix::none);
    }
  }
}

TEST_P(PrefixedCorpus, ShellTracesOfTheCommandsAreNoise) {
  // `set -x` in a CI script echoes each command with "+ " (nested: "++ ")
  // before apt's output.
  const std::string log =
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log"));
  const report clean = parse(log);
  const report traced =
      parse("+ apt-get update\n++ date\n+ apt-get -y upgrade\n" + log);
  ASSERT_EQ(traced.transactions.size(), clean.transactions.size());
  for (std::size_t i = 0; i < clean.transactions.size(); ++i)
    EXPECT_EQ(content(traced.transactions[i]), content(clean.transactions[i]));
  EXPECT_EQ(traced.unrecognized_count, clean.unrecognized_count);
}

INSTANTIATE_TEST_SUITE_P(Corpus, PrefixedCorpus,
                         ::testing::ValuesIn(testing::corpus_logs()),
                         testing::corpus_param_name{});

}  // namespace
}  // namespace aptparse

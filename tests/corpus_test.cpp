// The golden test: every real log of corpus/logs/ gives exactly its golden
// JSON Lines (<name>.expected.jsonl), parsed whole and streamed in chunks.
// tests/corpus_truth_test.py checks the golden files against the truth
// derived from apt itself.
#include <gtest/gtest.h>

#include "aptparse/aptparse.h"
#include "support/corpus_files.h"

namespace aptparse {
namespace {

std::string json_lines(std::string_view log, std::string_view source,
                       std::size_t chunk) {
  std::string out;
  report_builder b({}, [&](transaction&& t) {
    append_json(out, t, source);
    out += '\n';
  });
  parser p(b);
  for (std::size_t i = 0; i < log.size(); i += chunk)
    EXPECT_TRUE(p.feed(log.substr(i, chunk)).ok());
  EXPECT_TRUE(p.finish().ok());
  return out;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, LogGivesItsGoldenJsonWholeAndInChunks) {
  const std::string name = GetParam();
  const auto dir = testing::corpus_dir();
  const std::string log = testing::read_file(dir / (name + ".log"));
  const auto golden_path = dir / (name + ".expected.jsonl");
  ASSERT_TRUE(std::filesystem::exists(golden_path))
      << golden_path << " is missing; run tools/update_golden.sh";
  const std::string golden = testing::read_file(golden_path);
  const std::string source = name + ".log";
  EXPECT_EQ(json_lines(log, source, log.size() + 1), golden);
  for (std::size_t chunk : {1u, 7u, 4096u})
    EXPECT_EQ(json_lines(log, source, chunk), golden) << "chunk " << chunk;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Golden,
                         ::testing::ValuesIn(testing::corpus_logs()),
                         testing::corpus_param_name{});

}  // namespace
}  // namespace aptparse

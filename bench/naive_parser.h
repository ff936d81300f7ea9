// The naive baseline: the parser a user would write in an afternoon. Split
// the text into lines, try a list of regular expressions (RE2::FullMatch)
// on each line in turn, and collect package names from the matches. It is
// not correct (no layouts, no translations, no consistency check); it is
// the yardstick for "how much faster than the obvious approach".
#ifndef APTPARSE_BENCH_NAIVE_PARSER_H_
#define APTPARSE_BENCH_NAIVE_PARSER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace aptbench {

struct naive_result {
  std::uint64_t lines = 0;
  std::uint64_t matched = 0;
  std::uint64_t transactions = 0;
  std::uint64_t packages = 0;
  std::uint64_t messages = 0;
};

class naive_parser {
 public:
  naive_parser();
  naive_result parse(std::string_view text);
  // The same over a stream read in chunks (a line may be cut between two):
  // feed() each chunk in order, then finish().
  void feed(std::string_view chunk, naive_result& r);
  void finish(naive_result& r);
  std::size_t pattern_count() const { return patterns_.size(); }

 private:
  enum class kind {
    noise, header, summary, size, sim_install, sim_remove, message,
    history_start, history_list, item
  };
  struct pattern {
    std::unique_ptr<RE2> re;
    kind k;
  };
  void line(std::string_view l, naive_result& r);
  // Parses the complete lines of `text`; returns the bytes they took.
  std::size_t complete_lines(std::string_view text, naive_result& r);
  std::vector<pattern> patterns_;
  bool in_list_ = false;
  std::vector<std::string> names_;  // packages of the current transaction
  std::string carry_;               // a line cut at the end of a chunk
};

}  // namespace aptbench

#endif  // APTPARSE_BENCH_NAIVE_PARSER_H_

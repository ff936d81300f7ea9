// What the parser counted: parser::stats() and report::stats.
#ifndef APTPARSE_STATS_H_
#define APTPARSE_STATS_H_

#include <cstdint>

namespace aptparse {

// Counters over everything fed since construction or reset().
struct parse_stats {
  // Bytes fed; after a strict stop (options.h), the bytes up to the end of
  // the line that stopped the parse.
  std::uint64_t bytes = 0;
  std::uint64_t lines = 0;        // lines seen (with a line end, or last)
  std::uint64_t noise_lines = 0;  // known lines with nothing to report
  std::uint64_t unrecognized_lines = 0;  // lines no table knows
  std::uint64_t transactions = 0;        // transactions ended
  std::uint64_t packages = 0;            // on_package events
  friend bool operator==(const parse_stats&, const parse_stats&) = default;
};

}  // namespace aptparse

#endif  // APTPARSE_STATS_H_

// What the parser counted: parser::stats() and report::stats.
#ifndef APTPARSE_STATS_H_
#define APTPARSE_STATS_H_

#include <cstdint>

namespace aptparse {

// The counters, in the order of Python's Stats: X(name).
//   bytes               bytes fed; after a strict stop (options.h), the
//                       bytes up to the end of the line that stopped the parse
//   lines               lines seen (with a line end, or last)
//   noise_lines         known lines with nothing to report
//   unrecognized_lines  lines no table knows
//   transactions        transactions ended
//   packages            on_package events
#define APTPARSE_STATS_MAP(X) \
  X(bytes)                    \
  X(lines)                    \
  X(noise_lines)              \
  X(unrecognized_lines)       \
  X(transactions)             \
  X(packages)

// Counters over everything fed since construction or reset().
struct parse_stats {
#define APTPARSE_STATS_FIELD(name) std::uint64_t name = 0;
  APTPARSE_STATS_MAP(APTPARSE_STATS_FIELD)
#undef APTPARSE_STATS_FIELD
  friend bool operator==(const parse_stats&, const parse_stats&) = default;
};

}  // namespace aptparse

#endif  // APTPARSE_STATS_H_

// apt's summary line recognised by its shape, for catalogues no table has:
// "%lu upgraded, %lu newly installed, [%lu reinstalled, %lu downgraded, ]
// %lu to remove and %lu not upgraded." in any language keeps its numbers in
// this order, separated by words and commas (the last pair maybe by an
// "and" word only), and ends in '.'.
//
// Four numbers are the four counts apt always prints; six add reinstalled
// and downgraded. Five are refused: the fifth could be either, and a guess
// is not a count.
#ifndef APTPARSE_SRC_CLASSIFY_SUMMARY_SHAPE_H_
#define APTPARSE_SRC_CLASSIFY_SUMMARY_SHAPE_H_

#include <cstddef>
#include <string_view>

#include "classify/table_row.h"

namespace aptparse::detail {

// Returns true if `line` (trimmed) has the shape of apt's classic summary
// line, and sets caps 0-5 as a summary row does.
bool match_summary_shape(std::string_view line, captures& caps);

// The number of runs of ASCII digits in `s`: a line with other than four or
// six is no summary, which most lines that reach the shape test are not.
// Under SSE2 16 bytes at a time; digit_runs_bytewise is the reference the
// tests hold it to.
std::size_t digit_runs(std::string_view s) noexcept;
std::size_t digit_runs_bytewise(std::string_view s) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_SUMMARY_SHAPE_H_

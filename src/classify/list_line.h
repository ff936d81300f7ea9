// Stage 2d: the lines of `apt list` (apt-private/private-output.cc,
// ListSingleVersion), after its "Listing..." header:
//
//   name/suite[,suite...] version arch [status]
//
// The suites are the archives that have the version ("now": only the dpkg
// status has it); the status bracket is translated and found in the format
// table (line_kind::list_status). Names, suites, versions and architectures
// hold no spaces, so the status is the rest of the line.
#ifndef APTPARSE_SRC_CLASSIFY_LIST_LINE_H_
#define APTPARSE_SRC_CLASSIFY_LIST_LINE_H_

#include <string_view>

#include "aptparse/events.h"
#include "classify/table_row.h"

namespace aptparse::detail {

struct listing_fields {
  std::string_view name;
  std::string_view suites;  // as printed, comma-separated; may be ""
  std::string_view version;
  std::string_view arch;
  std::string_view status;  // the bracket, trimmed; "" when none
};

// Splits a trimmed line. Returns false if it does not have the shape.
bool split_listing_line(std::string_view line, listing_fields& out) noexcept;

// The package of a listing line: its suites as `origins`, the first as
// `suite`. `status` is the list_status row its
// bracket matched (nullptr: no bracket, or one the table does not know),
// `caps` that row's captures.
package_ref listing_package(const listing_fields& f, const table_row* status,
                            const captures& caps) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_LIST_LINE_H_

// The format tables' answers that the quote prefix stage needs
// (lines/quote_prefix.h): lines apt and dpkg print at column 0 and never
// indented, so that the same text found after a document's indentation or
// quote marker shows the prefix; and whether a line is known at all.
#ifndef APTPARSE_SRC_CLASSIFY_ANCHOR_LINE_H_
#define APTPARSE_SRC_CLASSIFY_ANCHOR_LINE_H_

#include <string_view>

namespace aptparse::detail {

struct table_row;

// True iff `line` (non-empty, trimmed right) is, in any known language,
// apt's "Reading package lists" preamble, a log record's first line
// ("Start-Date:", "Log started:"), a package list header, the
// classic summary line or "%lu not fully installed or removed.", a
// simulate line (Inst, Conf, Remv, Purg), one of dpkg's unpack and remove
// lines or a line of dpkg.log. Not apt 3's summary block or sizes, which
// apt indents itself.
bool printed_at_column_zero(std::string_view line) noexcept;
// The same, for the row a line matched.
bool printed_at_column_zero(const table_row& row) noexcept;

// True iff `line` (non-empty, trimmed right) matches any row of the format
// tables, or is a line of dpkg.log.
bool is_known_line(std::string_view line) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_ANCHOR_LINE_H_

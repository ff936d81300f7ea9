// The gate in front of the per-line stages between the splitter and the
// machine (CI prefix, quote prefix, transcript lines, JSON results): a
// line's first byte tells whether any of them may change it. Most of apt's
// and dpkg's lines start with a letter and go straight on; a table lookup
// decides, so the stages cost the common path one load and a compare.
#ifndef APTPARSE_SRC_LINES_LINE_START_H_
#define APTPARSE_SRC_LINES_LINE_START_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "lines/ci_prefix.h"
#include "lines/json_result.h"
#include "lines/quote_prefix.h"
#include "lines/transcript_noise.h"
#include "util/text.h"

namespace aptparse::detail {

enum class line_start : std::uint8_t {
  plain,   // no stage changes the line
  indent,  // white space: a quote prefix may start here, unless apt
           // indents the line itself (a list item, a continuation)
  marked,  // a CI prefix, a quote marker, a fence or a prompt, or a task's
           // status before a JSON result (lines/json_result.h) may start here
  month,   // a month's capital: a syslog time if may_be_bsd_syslog says so
};

inline constexpr std::array<line_start, 256> kLineStarts = [] {
  std::array<line_start, 256> t{};
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    if (quote_prefix::is_indent(c))
      t[b] = line_start::indent;
    else if (may_begin_ci_prefix(c) || quote_prefix::is_quote_marker(c) ||
             may_begin_transcript(c) || json_result::may_begin(c))
      t[b] = line_start::marked;
    else if (may_begin_month(c))
      t[b] = line_start::month;
  }
  return t;
}();

inline line_start start_of(std::string_view line) noexcept {
  return line.empty() ? line_start::plain
                      : kLineStarts[static_cast<unsigned char>(line[0])];
}

// The run gate's reading (lines/line_runs.h) of a run line's first byte,
// or of its line end when the line is empty: one lookup tells which of the
// machine's run functions may take it, with no empty or white space test.
enum class run_start : std::uint8_t {
  other,   // the per-line way: a prefix, '\v' or '\f' first
  blank,   // empty: the byte is its line end
  plain,   // neither white space nor a prefix first
  indent,  // ' ' or '\t' first: an item of the open list, maybe
  month,   // plain, unless may_be_bsd_syslog: then the per-line way
};

inline constexpr std::array<run_start, 256> kRunStarts = [] {
  std::array<run_start, 256> t{};
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    if (c == '\n' || c == '\r')
      t[b] = run_start::blank;
    else if (kLineStarts[b] == line_start::indent)
      t[b] = run_start::indent;
    else if (kLineStarts[b] == line_start::plain && !is_space(c))
      t[b] = run_start::plain;
    else if (kLineStarts[b] == line_start::month)
      t[b] = run_start::month;
  }
  return t;
}();

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_LINE_START_H_

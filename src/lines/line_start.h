// The gate in front of the per-line stages between the splitter and the
// machine (CI prefix, quote prefix, transcript lines): a line's first byte
// tells whether any of them may change it. Most of apt's and dpkg's lines
// start with a letter and go straight on; a table lookup decides, so the
// stages cost the common path one load and a compare.
#ifndef APTPARSE_SRC_LINES_LINE_START_H_
#define APTPARSE_SRC_LINES_LINE_START_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "lines/ci_prefix.h"
#include "lines/quote_prefix.h"
#include "lines/transcript_noise.h"

namespace aptparse::detail {

enum class line_start : std::uint8_t {
  plain,   // no stage changes the line
  indent,  // white space: a quote prefix may start here, unless apt
           // indents the line itself (a list item, a continuation)
  marked,  // a CI prefix, a quote marker, a fence or a prompt may start here
};

inline constexpr std::array<line_start, 256> kLineStarts = [] {
  std::array<line_start, 256> t{};
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    if (quote_prefix::is_indent(c))
      t[b] = line_start::indent;
    else if (may_begin_ci_prefix(c) || quote_prefix::is_quote_marker(c) ||
             may_begin_transcript(c))
      t[b] = line_start::marked;
  }
  return t;
}();

inline line_start start_of(std::string_view line) noexcept {
  return line.empty() ? line_start::plain
                      : kLineStarts[static_cast<unsigned char>(line[0])];
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_LINE_START_H_

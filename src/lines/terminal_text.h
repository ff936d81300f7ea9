// Stage 1b: a line as a terminal shows it.
//
// Logs captured from a terminal (script, unbuffer, CI consoles) hold ANSI
// escape sequences: colours inside package names, and apt's fancy progress
// bar, which saves the cursor (ESC 7), draws "Progress: [ 45%]" on the last
// row and restores the cursor (ESC 8). This stage removes the sequences and
// drops what was drawn between a save and a restore, since that text is not
// part of the line. Lines without ESC pass through untouched.
#ifndef APTPARSE_SRC_LINES_TERMINAL_TEXT_H_
#define APTPARSE_SRC_LINES_TERMINAL_TEXT_H_

#include <cstring>
#include <string>
#include <string_view>

namespace aptparse::detail {

// Returns `line` without escape sequences. Uses `scratch` for the result
// when something had to be removed.
std::string_view strip_terminal_controls(std::string_view line,
                                         std::string& scratch);

inline bool has_escape(std::string_view line) noexcept {
  return std::memchr(line.data(), '\x1b', line.size()) != nullptr;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_TERMINAL_TEXT_H_

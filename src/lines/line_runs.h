// Runs of lines: after a line that went to the machine with no prefix in
// play, the parser has the splitter hand the machine the lines that follow
// in one loop (section_machine::plain_run_line, list_run_line), without the
// per-line stages in between, until a line is not one they take (a prefix,
// an ESC byte, a cut, a listing, an indented line outside a list). The result
// is the per-line path's, line for line; the switch below lets the tests hold
// the two paths to each other.
#ifndef APTPARSE_SRC_LINES_LINE_RUNS_H_
#define APTPARSE_SRC_LINES_LINE_RUNS_H_

namespace aptparse::detail {

// Whether parsers constructed from now on take runs (the default: true).
// For tests; not thread-safe.
bool line_runs() noexcept;
void set_line_runs(bool on) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_LINE_RUNS_H_

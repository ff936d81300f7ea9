// Stage 1e: apt output inside a JSON string.
//
// Ansible's apt, command and shell modules return what apt printed as the
// result's "stdout", and ansible-playbook -v and ad-hoc commands print the
// result as JSON: either on one line, the key after the task's status
//   changed: [web1] => {"cache_updated": false, ..., "stdout": "Reading
//   package lists...\nBuilding dependency tree...\n...", "stdout_lines": [...]}
// or pretty-printed, one key a line, four spaces a level
//       "stdout": "Reading package lists...\nBuilding dependency tree...",
// its "stdout_lines" then one item a line. Issue threads and CI logs keep
// both. apt's line ends are escaped there, so no line of the run is apt's.
//
// A line that is such a result (its status first: "changed: [", "ok: [",
// "fatal: [", "failed: ["; or, pretty-printed, the key first) and whose
// "stdout" string holds an escaped line end is read as the lines of that
// string, decoded (\n \r \t \" \\ \/ \b \f \uXXXX, surrogate pairs
// included: Python's json escapes every non-ASCII byte), followed by the
// lines of the result's "stderr" (apt's "E:" and "W:" lines), as a terminal
// shows them. The result's other copies of the same text are not read
// again: "msg" (some modules repeat stdout there) is not looked at, and the
// items of a "stderr_lines" block, or of a "stdout_lines" block after the
// decoded "stdout", are noise. A "stdout_lines" block alone (ansible's debug
// of a registered variable prints only it) is read item by item.
//
// Each line is judged on its own (the block's state passes from line to
// line), so the result does not depend on chunking. A line longer than
// options::max_line_bytes was cut: its string is read up to the cut.
#ifndef APTPARSE_SRC_LINES_JSON_RESULT_H_
#define APTPARSE_SRC_LINES_JSON_RESULT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace aptparse::detail {

class json_result {
 public:
  enum class reading : std::uint8_t {
    none,     // not a result's line: read it as it is
    decoded,  // stdout's string, in text()
    item,     // an item of a "stdout_lines" block, in text(): one line
    noise,    // the start or end of a block, or an item not to read
  };

  // Can a one-line result start with `c` ("changed", "ok", "fatal",
  // "failed")? Pretty-printed keys are indented, which the caller tries
  // anyway.
  static constexpr bool may_begin(char c) noexcept {
    return c == 'c' || c == 'o' || c == 'f';
  }
  // Can read() take `line`? A task's status first (c, o, f), or a key or a
  // block's item: '"' after an indent of four spaces or more (ansible
  // indents by four). The cheap test before read(): apt's own indented
  // lines (apt 3's summary block, list items) have two.
  static bool may_read(std::string_view line) noexcept {
    if (line.empty()) return false;
    if (may_begin(line[0])) return true;
    if (line.size() < 5 || line.substr(0, 4) != "    ") return false;
    std::size_t i = 4;
    while (i < line.size() && line[i] == ' ') ++i;
    return i < line.size() && line[i] == '"';
  }
  // Does `line` start with a task's status, as a one-line result does?
  static bool is_one_line(std::string_view line) noexcept;

  // True inside a pretty-printed "..._lines": [ block, whose items are
  // indented, or on the line after a decoded stdout, which may open one:
  // the caller must not take them for apt's list items.
  bool wants_indented() const noexcept {
    return in_lines_block_ || after_stdout_;
  }

  reading read(std::string_view line);

  // The decoded string of the last `decoded` or `item` line; its lines end
  // at "\n", "\r\n" or a lone "\r", like the input's.
  std::string_view text() const noexcept { return text_; }

  // Takes the first line off `rest`, without its line end.
  static std::string_view take_line(std::string_view& rest) noexcept;

  void reset() noexcept {
    after_stdout_ = false;
    in_lines_block_ = false;
    read_items_ = false;
    stderr_kept_ = false;
  }

 private:
  // Decodes the string at line[start] into text_, with `stderr_text` after
  // it, if the string holds an escaped line end.
  bool decode_stdout(std::string_view line, std::size_t start,
                     std::string_view stderr_text);

  std::string text_;
  std::string stderr_;           // the result's "stderr", decoded
  bool after_stdout_ = false;    // the line before decoded a pretty stdout
  bool in_lines_block_ = false;  // inside a "..._lines": [ block
  // A pretty-printed "stderr" with text came before, with nothing between
  // but a "stderr_lines" block: the "stdout" that follows takes it.
  bool stderr_kept_ = false;
  // Its items are apt's lines: a "stdout_lines" block that does not repeat
  // the "stdout" just decoded (ansible's debug of a registered variable's
  // stdout_lines prints only it).
  bool read_items_ = false;
};

// Appends the UTF-8 of JSON string text `s` (no quotes; ends at the first
// unescaped '"' or at the end of `s`) to `out`. A malformed escape is kept
// as it is.
void decode_json_string(std::string_view s, std::string& out);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_JSON_RESULT_H_

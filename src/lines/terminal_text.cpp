#include "lines/terminal_text.h"

namespace aptparse::detail {
namespace {

constexpr char kEsc = '\x1b';
constexpr char kBel = '\x07';

// Returns the index just past the escape sequence that starts at `i`
// (line[i] == ESC). Sets `save`/`restore` for ESC 7 / ESC 8 and their CSI
// forms (ESC [ s / ESC [ u).
std::size_t skip_sequence(std::string_view line, std::size_t i, bool& save,
                          bool& restore) {
  save = restore = false;
  std::size_t n = line.size();
  if (i + 1 >= n) return n;
  char kind = line[i + 1];
  if (kind == '[') {  // CSI: parameters, intermediates, one final byte
    std::size_t j = i + 2;
    while (j < n && static_cast<unsigned char>(line[j]) >= 0x20 &&
           static_cast<unsigned char>(line[j]) <= 0x3f)
      ++j;
    if (j < n) {
      if (line[j] == 's') save = true;
      if (line[j] == 'u') restore = true;
      ++j;
    }
    return j;
  }
  if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
    // OSC/DCS/APC/PM strings end at BEL or ESC '\'.
    for (std::size_t j = i + 2; j < n; ++j) {
      if (line[j] == kBel) return j + 1;
      if (line[j] == kEsc && j + 1 < n && line[j + 1] == '\\') return j + 2;
    }
    return n;
  }
  if (kind == '(' || kind == ')' || kind == '*' || kind == '+' ||
      kind == '#' || kind == '%')
    return i + 3 <= n ? i + 3 : n;  // charset designation: one more byte
  if (kind == '7') save = true;
  if (kind == '8') restore = true;
  return i + 2;
}

}  // namespace

std::string_view strip_terminal_controls(std::string_view line,
                                         std::string& scratch) {
  if (!has_escape(line)) return line;
  scratch.clear();
  bool saved = false;  // between a cursor save and restore: drawn elsewhere
  std::size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == kEsc) {
      bool save = false, restore = false;
      i = skip_sequence(line, i, save, restore);
      if (save) saved = true;
      if (restore) saved = false;
      continue;
    }
    if (!saved && c != kBel) scratch += c;
    ++i;
  }
  return scratch;
}

}  // namespace aptparse::detail

#include "lines/quote_prefix.h"

#include <algorithm>

#include "lines/transcript_noise.h"
#include "util/text.h"

namespace aptparse::detail {

bool quote_prefix::blank_carrier(std::string_view line,
                                 std::string_view prefix) noexcept {
  // "" is a prefix of every prefix: a blank line always carries it.
  return prefix.starts_with(trim_right(line));
}

quote_prefix::result quote_prefix::carried(std::string_view line,
                                           bool apt_indents) const noexcept {
  std::string_view text = line.substr(size_);
  if (apt_indents && !text.empty() && !is_space(text[0]) &&
      is_space(prefix_[size_ - 1]) && !known_(trim_right(text)))
    text = line.substr(size_ - 1);  // a list item that lost apt's indent
  return {text, kind_};
}

quote_prefix::result quote_prefix::try_adopt(std::string_view line,
                                             bool apt_indents) noexcept {
  std::size_t n = 0;
  bool marker = false;
  while (n < line.size() && marker_or_space(line[n])) {
    marker |= !is_space(line[n]);
    ++n;
  }
  // Inside a list or a message apt indents lines itself.
  if (!marker && apt_indents) return {line};
  const std::string_view rest = line.substr(n);
  const line_prefix kind = marker ? line_prefix::quote : line_prefix::indent;
  if (rest.empty()) return {rest, kind};  // a quoted blank line: ">"
  if (n > kMaxPrefix) return {line};
  if (is_transcript_noise(rest)) return {rest, kind, false, false, true};
  if (!marker) {
    result r{line};
    r.indent = n;
    return r;
  }
  if (!anchors_(trim_right(rest))) {
    // A quoted line the tables know, before the run's anchor ("> E: ...",
    // "> Hit:1 ..."), is read as that line.
    if (known_(trim_right(rest))) return {rest, kind};
    return {line};
  }
  adopt(line.substr(0, n), kind);
  return {rest, kind, true};
}

void quote_prefix::adopt_indent(std::string_view line,
                                std::size_t indent) noexcept {
  adopt(line.substr(0, indent), line_prefix::indent);
}

void quote_prefix::adopt(std::string_view prefix, line_prefix kind) noexcept {
  std::copy(prefix.begin(), prefix.end(), prefix_.data());
  size_ = prefix.size();
  kind_ = kind;
}

}  // namespace aptparse::detail

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
  if (!anchors_(trim_right(rest))) {
    if (is_transcript_noise(rest)) return {rest, kind, false, false, true};
    // A quoted line the tables know, before the run's anchor ("> E: ...",
    // "> Hit:1 ..."), is read as that line; an indented one already is.
    if (marker && known_(trim_right(rest))) return {rest, kind};
    return {line};
  }
  std::copy_n(line.data(), n, prefix_.data());
  size_ = n;
  kind_ = kind;
  return {rest, kind, true};
}

}  // namespace aptparse::detail

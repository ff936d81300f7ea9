// Stage 1d: apt output quoted inside a document. Markdown indented code
// blocks, reST literal blocks and notebook exports indent every line by the
// same amount; e-mail and chat quotes put "> " before it, knitr "#> ",
// callouts "    > ". Each run's lines then carry one constant prefix, and
// list items sit at that prefix plus apt's own two spaces.
//
// The prefix is adopted at a line that, stripped of it, is one apt prints
// at column 0 (classify/anchor_line.h: "Reading package lists", a list
// header, the summary line, an Inst/Conf line, "Listing"...), is stripped
// from every following line that carries it (a blank line, or a quote marker
// alone such as ">", counts as carrying it), and is dropped at the first
// line that does not: that line and the ones after it are read as they
// are, and a later line may adopt another prefix. Before a prefix is
// adopted, a line behind a quote marker that the tables know is read
// without the marker (it adopts nothing). The state passes from
// line to line, so the result does not depend on chunking.
//
// Some copies lost apt's own indent of list items (a tab replaced it, or
// the document flattened it): inside a list, a carrying line that the
// prefix's removal would leave flush and that the tables do not know is
// kept as an item, with the prefix's last byte as its indent if that is a
// blank.
//
// A log without such a prefix is left alone: a line is only tried when it
// starts with white space or a quote marker, and a white-space prefix only
// where an indented line cannot be apt's own (the caller says so: inside a
// package list or a message's continuation it is), since apt itself
// indents list items, continuations and the apt 3 summary block.
#ifndef APTPARSE_SRC_LINES_QUOTE_PREFIX_H_
#define APTPARSE_SRC_LINES_QUOTE_PREFIX_H_

#include <array>
#include <cstddef>
#include <string_view>

#include "aptparse/events.h"

namespace aptparse::detail {

class quote_prefix {
 public:
  // Tests of a line's text (non-empty, trimmed right), from the format
  // tables: is it a line apt prints at column 0 and never indented (for
  // quote markers; see result::indent for white space); is it any line the
  // tables know.
  using line_test = bool (*)(std::string_view text);

  struct result {
    std::string_view text;                 // the line without the prefix
    line_prefix kind = line_prefix::none;  // indent or quote when stripped
    bool adopted = false;                  // this line adopted a prefix
    bool dropped = false;  // this line ended the previous prefix
    // A quoted line that is a shell prompt or a markdown fence (see
    // transcript_noise.h): `text` is the line without the quote.
    bool transcript = false;
    // An indented line, returned as it is: apt's reader matches it against
    // the tables anyway (outside a list it ignores the indent), so the
    // caller asks whether that row anchors, and if so calls
    // adopt_indent(line, indent). Not matching it twice keeps indented
    // lines of unquoted logs (apt 3's summary block) as cheap as before.
    std::size_t indent = 0;
  };

  quote_prefix(line_test anchors, line_test known) noexcept
      : anchors_(anchors), known_(known) {}

  // One line (terminal controls and any CI prefix removed). `apt_indents`:
  // the line's reader expects apt's own indented lines here (a list's
  // items, a message's continuation).
  result strip(std::string_view line, bool apt_indents) noexcept {
    bool dropped = false;
    if (size_ != 0) {
      const std::string_view prefix(prefix_.data(), size_);
      if (line.starts_with(prefix)) return carried(line, apt_indents);
      if (blank_carrier(line, prefix)) return {{}, kind_};
      size_ = 0;
      dropped = true;
    }
    if (line.empty() || !marker_or_space(line[0]))
      return {line, {}, {}, dropped};
    result r = try_adopt(line, apt_indents);
    r.dropped = dropped;
    return r;
  }

  // Adopts the white space that strip() reported in result::indent.
  void adopt_indent(std::string_view line, std::size_t indent) noexcept;

  // True iff a prefix is adopted: every line must pass through strip().
  bool active() const noexcept { return size_ != 0; }
  // The bytes a prefix is made of: without one adopted, strip() leaves a
  // line that starts with another byte alone.
  static constexpr bool is_quote_marker(char c) noexcept {
    return c == '>' || c == '|' || c == '#';
  }
  static constexpr bool is_indent(char c) noexcept {
    return c == ' ' || c == '\t';
  }

  void reset() noexcept { size_ = 0; }

  // The longest prefix adopted; a longer one is not a quote.
  static constexpr std::size_t kMaxPrefix = 64;

 private:
  static constexpr bool marker_or_space(char c) noexcept {
    return is_indent(c) || is_quote_marker(c);
  }
  // A blank line, or a quote marker alone with the prefix's trailing
  // white space lost: "> " quotes a blank line as ">".
  static bool blank_carrier(std::string_view line,
                            std::string_view prefix) noexcept;
  result carried(std::string_view line, bool apt_indents) const noexcept;
  result try_adopt(std::string_view line, bool apt_indents) noexcept;
  void adopt(std::string_view prefix, line_prefix kind) noexcept;

  line_test anchors_;
  line_test known_;
  std::array<char, kMaxPrefix> prefix_{};
  std::size_t size_ = 0;  // 0: no prefix adopted
  line_prefix kind_ = line_prefix::none;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_QUOTE_PREFIX_H_

// The format table, built once (format_table_builder.h), and the lookup of
// the row a line matches.
//
// Lookup dispatches on a line's first bytes to the few rows whose literal
// prefix can start it (prefix_index.h), compares literal text, and matches
// a format's conversions without RE2 where the literals around them are
// enough (fast_match); RE2 runs only for the rare rows where two
// conversions touch. Rows whose text starts with a conversion are found by
// the literal that follows a leading number (apt's summary line) or by a
// literal search over their longest literal runs (literal_search.h).
//
// A line that matches nothing is tried again in the normal form of its
// white space (spaces.h), then, if it has the shape of apt's summary line,
// matched by structure (summary_shape.h).
#ifndef APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_H_
#define APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

#include "classify/literal_search.h"
#include "classify/prefix_index.h"
#include "classify/table_row.h"
#include "classify/text_arena.h"

namespace aptparse::detail {

class format_table {
 public:
  // The table of every known language, built on first use (thread-safe).
  static const format_table& instance();

  // `text` holds the rows' text (format_table_builder::take_text()).
  format_table(std::vector<table_row> rows, text_arena text);

  // Returns the row that `line` (trimmed, non-empty) matches, or nullptr.
  // Fills `caps` for format rows. The captures of a line matched in its
  // normal form point into a buffer of the calling thread, valid until its
  // next call.
  // Inline: the common line matches as it is, at the cost of one call.
  // `hint` (any row, or nullptr) is tried first, without the dispatch, when
  // no row the dispatch would try before it can match a line that starts
  // with its literal (see shortcuts_): lines of one kind come in runs
  // ("Inst ...", "Conf ..."), and the caller passes the last line's row.
  // The result is the same with any hint.
  const table_row* match(std::string_view line, captures& caps,
                         const table_row* hint = nullptr) const {
    if (hint != nullptr)
      if (const table_row* row = match_hint(*hint, line, caps)) return row;
    if (const table_row* row = match_as_is(line, caps)) return row;
    return match_unmatched(line, caps);
  }

  // A caller's hint for the lines of one first byte: the row the last of
  // them matched and, when match_hint would take that row for every line
  // that starts with its literal, that literal, so that the next line of a
  // run is taken by two masked compares of its first sixteen bytes (and a
  // compare of the literal's rest) without match_hint's look-ups: the
  // row's shortcut, its candidate, the line's length cases.
  struct hint {
    std::uint64_t head = 0;  // the literal's bytes 0-7 and 8-15, masked
    std::uint64_t head_mask = 0;
    std::uint64_t tail = 0;
    std::uint64_t tail_mask = 0;
    // Lines shorter go the general way; the largest value: no shortcut.
    std::size_t min_size = ~std::size_t{0};
    const table_row* row = nullptr;
    const char* literal = nullptr;  // its bytes from 16 on: rest_size
    std::uint32_t rest_size = 0;
    bool format = false;  // the row's format must still accept the line
  };

  // match(line, caps, h.row), and `h` made the hint of the row it returns
  // (if any). The result is the same with any hint.
  // Inline: it replaces the dispatch of most lines of a run.
  const table_row* match(std::string_view line, captures& caps, hint& h) const {
    if (takes(h, line)) {
      if (!h.format || fits(*h.row, line, caps)) return h.row;
      // As match_hint: the hint's format rejected the line.
      if (const table_row* row = match_as_is(line, caps))
        return remember(row, h);
      return remember(match_unmatched(line, caps), h);
    }
    return remember(match(line, caps, h.row), h);
  }

  // The hint for the lines after one that matched `row`.
  hint hint_for(const table_row& row) const {
    const table_row* const first = rows_.data();
    if (std::less<>{}(&row, first) || !std::less<>{}(&row, first + size()))
      return hint{.row = &row};  // by_structure_
    return row_hints_[static_cast<std::size_t>(&row - first)];
  }

  // For tests: the row for a digit-led line found by searching every
  // numeric row's literal, which the indexed lookup in match() must agree
  // with.
  const table_row* match_numeric_by_search(std::string_view line,
                                           captures& caps) const {
    return match_unprefixed(numeric_search_, numeric_, line, caps);
  }

  // Whether `line` matches `row` alone (tests compare it with RE2).
  bool row_matches(const table_row& row, std::string_view line,
                   captures& caps) const;

  std::size_t size() const noexcept { return rows_.size(); }
  const std::vector<table_row>& rows() const noexcept { return rows_; }

 private:
  // Whether `line` starts with the literal of `h`'s shortcut.
  static bool takes(const hint& h, std::string_view line) {
    if (line.size() < h.min_size) return false;
    std::uint64_t head, tail;
    std::memcpy(&head, line.data(), 8);
    std::memcpy(&tail, line.data() + 8, 8);
    return (head & h.head_mask) == h.head && (tail & h.tail_mask) == h.tail &&
           (h.rest_size == 0 ||
            prefix_index::same_bytes(line.data() + 16, h.literal + 16,
                                     h.rest_size));
  }
  // `row` (if any) made `h`'s row, with its shortcut.
  const table_row* remember(const table_row* row, hint& h) const {
    if (row != nullptr && row != h.row) h = hint_for(*row);
    return row;
  }
  bool fits(const table_row& row, std::string_view line, captures& caps) const {
    return !row.literals.empty() ? fast_match(row, line, caps)
                                 : row_matches(row, line, caps);
  }
  void index_rows();
  void find_shortcuts();
  const table_row* match_hint(const table_row& hint, std::string_view line,
                              captures& caps) const;
  const table_row* match_as_is(std::string_view line, captures& caps) const;
  const table_row* match_unmatched(std::string_view line, captures& caps) const;
  bool fast_match(const table_row& row, std::string_view line,
                  captures& caps) const;
  bool re2_match(const table_row& row, std::string_view line,
                 captures& caps) const;
  const table_row* match_index(const prefix_index& index, std::string_view line,
                               std::uint64_t head, std::uint64_t tail,
                               captures& caps) const;
  const table_row* match_numeric(std::string_view line, captures& caps) const;
  const table_row* match_unprefixed(const literal_search& search,
                                    const std::vector<std::uint32_t>& rows,
                                    std::string_view line,
                                    captures& caps) const;
  const table_row* first_match(std::uint32_t* hits, std::size_t n,
                               const std::vector<std::uint32_t>& rows,
                               std::string_view line, captures& caps) const;

  text_arena text_;
  std::vector<table_row> rows_;
  // Dispatch: rows whose literal prefix has eight bytes or more are found
  // by a line's first eight bytes, those with four to seven by its first
  // four, shorter ones by the first byte (see prefix_index.h).
  prefix_index by8_{8};
  prefix_index by4_{4};
  std::array<std::vector<std::uint32_t>, 256> by_first_byte_;
  // Rows with no literal prefix: those whose format starts with a number
  // (apt's summary line in most languages), tried on digit-led lines, and
  // the others, tried on lines that matched nothing else. A literal search
  // over their longest literal runs picks the few that can match a line.
  std::vector<std::uint32_t> numeric_;
  literal_search numeric_search_;
  // A numeric row can only match a line whose text after its leading
  // digits starts with the row's next literal (" upgraded, "): indexed by
  // its first four bytes (entries are positions in numeric_). Rows whose
  // next literal is shorter, or that only RE2 can match, are always tried.
  prefix_index numeric_by_literal_{4};
  std::vector<std::uint32_t> numeric_always_;
  std::vector<std::uint32_t> fallback_;
  literal_search fallback_search_;
  // The row a line matched by its summary shape stands for.
  table_row by_structure_;
  // Per row: its prefix_index candidate when no candidate before it in
  // its key's list and no row of an index tried before it can match a
  // line that starts with its literal (the earlier literals of its key
  // differ from it; a row of by4_ whose literal begins no key of by8_);
  // else nullptr. Then a line that the candidate accepts goes to this row
  // first, unless the row's format rejects it.
  struct shortcut {
    const prefix_index::candidate* candidate = nullptr;
    std::size_t min_size = 0;  // the index's key bytes: shorter lines skip it
  };
  std::vector<shortcut> shortcuts_;
  // Per row: the hint for the lines after one it matched (see hint).
  std::vector<hint> row_hints_;
};

// Inline: it replaces the dispatch of most lines of a run.
inline const table_row* format_table::match_hint(const table_row& hint,
                                                 std::string_view line,
                                                 captures& caps) const {
  const table_row* const first = rows_.data();
  // by_structure_ is no row of rows_.
  if (std::less<>{}(&hint, first) || !std::less<>{}(&hint, first + size()))
    return nullptr;
  const shortcut& s = shortcuts_[static_cast<std::size_t>(&hint - first)];
  if (s.candidate == nullptr || line.size() < s.min_size) return nullptr;
  const std::uint64_t head = prefix_index::load8(line);
  const std::uint64_t tail =
      line.size() > 8 ? prefix_index::load8(line.substr(8)) : 0;
  if (!prefix_index::literal_matches(*s.candidate, line, head, tail))
    return nullptr;
  if (hint.match != match_kind::format) return &hint;
  return fits(hint, line, caps) ? &hint : nullptr;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_H_

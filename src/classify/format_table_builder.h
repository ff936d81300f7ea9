// Builds the rows of the format table from its sources: the English tables
// (tables/apt_en.inc, apt_logs.inc, dpkg_en.inc, ubuntu_pro.inc) and the
// generated translations of every catalogue apt and dpkg have released
// (tables/translations.inc, tools/gen_translations.py).
//
// Each line of a msgid or msgstr becomes a row with the meaning of its
// English row; apt's summary line, printed as four msgids one after
// another, becomes one row per way apt can print it. A row whose text
// holds white space or an ellipsis that copying commonly changes (U+00A0,
// U+202F, a tab, "…") gets a twin with that text normalised (spaces.h), so
// that a pasted copy of the line is recognised too.
#ifndef APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_BUILDER_H_
#define APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_BUILDER_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "classify/printf_format.h"
#include "classify/table_row.h"
#include "classify/text_arena.h"

namespace aptparse::detail {

// One row of an English table (the macros in tables/*.inc).
struct source_row {
  match_kind match;
  line_kind kind;
  row_meaning meaning;
  std::uint8_t piece;      // summary rows: which of the four msgids
  std::string_view msgid;  // its length known at compile time: no strlen
};

class format_table_builder {
 public:
  // Every row of every source, in source order. Their text is views into
  // the builder's arena (take_text()), `lang` into the static tables.
  std::vector<table_row> build();
  // The arena that the rows built hold their text in: it must outlive them.
  text_arena take_text() { return std::move(text_); }

 private:
  void add_text(const source_row& src, std::string_view text,
                std::string_view lang);
  void add_line(const source_row& src, std::string_view line,
                std::string_view lang, bool continuation);
  void add_summary(std::string_view lang, const row_meaning& layout,
                   const std::array<std::string_view, 4>& pieces);
  // Completes `row` from its format and appends it; false if the format
  // cannot be compiled or has more than max_conversions conversions.
  bool add_format_row(table_row row, const printf_format& f, bool prefix);
  // Appends `row` unless an earlier row of the same form (the same literals
  // and arguments, or text) matches the same lines with the same meaning (many
  // catalogues share a wording, and every composition of a summary line that
  // fell back to an English piece shares it): only the first could ever match,
  // and the others would crowd the candidate lists.
  void keep(table_row row);
  // Copies a kept row's text into text_.
  void own_text(table_row& row);

  // Per hash of a form (see keep()), its newest row (kNone: an empty slot);
  // per row, the previous row of the same hash, or kNone. A flat table:
  // ~10,000 rows are kept at start, and a node each cost an allocation.
  struct form_slot {
    std::uint64_t hash = 0;
    std::uint32_t newest = kNone;
  };
  form_slot& find_form(std::uint64_t form);
  void grow_forms();

  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  std::vector<table_row> rows_;
  std::vector<form_slot> form_slots_;  // a power of two, at most half full
  std::vector<std::uint32_t> next_of_form_;
  text_arena text_;
  // Scratch formats, reused for every line (their strings keep their
  // storage).
  printf_format format_;
  std::array<printf_format, 4> pieces_;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_BUILDER_H_

// The format tables, compiled once: apt's and dpkg's strings in English and
// in every translation, each mapped to a line_kind.
//
// Lookup dispatches on the first byte of the line to the few rows whose text
// can start with it, compares literal text, and runs RE2 only for rows that
// need their numbers or sizes extracted (the summary and size lines) and for
// rows whose text starts with a conversion (tried last, on lines that match
// nothing else).
#ifndef APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_H_
#define APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_H_

#include <re2/re2.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "classify/line_kind.h"
#include "classify/literal_search.h"
#include "classify/prefix_index.h"

namespace aptparse::detail {

inline constexpr int max_captures = 6;

// The printf arguments a format row captured, in argument order (a
// translation may reorder them with %1$s; captures are put back in order).
// Built for every classified line, so it is left uninitialized but for a
// bit mask of the arguments that are set (zeroing it cost more than the
// classification of most lines).
class captures {
 public:
  // Returns printf argument `k`, or "" if the row has none such.
  std::string_view arg(int k) const noexcept {
    return (present_ >> k) & 1u ? std::string_view(ptr_[k], size_[k])
                                : std::string_view();
  }
  void set(int k, std::string_view v) noexcept {
    ptr_[k] = v.data();
    size_[k] = v.size();
    present_ |= 1u << k;
  }
  void clear() noexcept { present_ = 0; }

 private:
  const char* ptr_[max_captures];
  std::size_t size_[max_captures];
  unsigned present_ = 0;
};

struct table_row {
  std::string text;     // one line of the msgid or msgstr, trimmed
  std::string literal;  // text before the first conversion
  std::string lang;     // "" for English
  match_kind match = match_kind::exact;
  line_kind kind = line_kind::unknown;
  std::uint8_t arg = 0;
  std::uint8_t arg2 = 0;
  std::string pattern;           // format rows: the RE2 pattern
  std::shared_ptr<re2::RE2> re;  // compiled, for rows fast_match cannot do
  // The longest literal run of the pattern: a line without it cannot match,
  // which spares RE2 most calls.
  std::string required;
  std::vector<int> arg_of_group;  // capture group i holds printf arg [i]
  // For the fast matcher: the literals around the conversions (one more
  // than conversions) and whether each conversion is a number. Empty when
  // only RE2 can match the row.
  std::vector<std::string> literals;
  std::vector<bool> numeric;
};

class format_table {
 public:
  // The table of every known language, built on first use (thread-safe).
  static const format_table& instance();

  // Returns the row that `line` (trimmed, non-empty) matches, or nullptr.
  // Fills `caps` for format rows.
  const table_row* match(std::string_view line, captures& caps) const;

  // For tests: the row for a digit-led line found by searching every
  // numeric row's literal, which the indexed lookup in match() must agree
  // with.
  const table_row* match_numeric_by_search(std::string_view line,
                                           captures& caps) const {
    return match_unprefixed(numeric_search_, numeric_, line, caps);
  }

  std::size_t size() const noexcept { return rows_.size(); }
  const std::vector<table_row>& rows() const noexcept { return rows_; }

 private:
  format_table();
  void add_summary_row(std::string_view lang, int layout,
                       const std::array<std::string, 4>& pieces);
  void index_rows();
  bool row_matches(const table_row& row, std::string_view line,
                   captures& caps) const;
  bool fast_match(const table_row& row, std::string_view line,
                  captures& caps) const;
  const table_row* match_index(const prefix_index& index, std::string_view line,
                               std::uint64_t head, std::uint64_t tail,
                               captures& caps) const;
  const table_row* match_numeric(std::string_view line, captures& caps) const;
  const table_row* match_unprefixed(const literal_search& search,
                                    const std::vector<std::uint32_t>& rows,
                                    std::string_view line,
                                    captures& caps) const;

  std::vector<table_row> rows_;
  // Dispatch: rows whose literal prefix has eight bytes or more are found
  // by a line's first eight bytes, those with four to seven by its first
  // four, shorter ones by the first byte (see prefix_index.h).
  prefix_index by8_{8};
  prefix_index by4_{4};
  std::array<std::vector<std::uint32_t>, 256> by_first_byte_;
  // Rows with no literal prefix: those whose text starts with a number
  // (apt's summary line in every language), tried on digit-led lines, and
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
};

// Compiles a printf-style format ("%lu upgraded, %s", "%2$s") into an RE2
// pattern matching it in full. Appends the pattern to `regex` and, for each
// capture group, the 0-based printf argument it holds to `arg_of_group`.
// Conversions: %s (any text), %lu %u %d %i %li %llu %zu (digits), %%.
void compile_format(std::string_view format, std::string& regex,
                    std::vector<int>& arg_of_group);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_FORMAT_TABLE_H_

// One row of the format tables: a line of apt's or dpkg's text (English or
// a translation), how it is matched, and what a line that matches it means.
#ifndef APTPARSE_SRC_CLASSIFY_TABLE_ROW_H_
#define APTPARSE_SRC_CLASSIFY_TABLE_ROW_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <variant>

#include "aptparse/events.h"
#include "classify/inline_list.h"
#include "classify/line_kind.h"

namespace aptparse::detail {

inline constexpr int max_captures = 6;
// The most conversions a row's format may have (only RE2 matches a format
// with more than max_captures; it captures the first max_captures).
inline constexpr int max_conversions = 16;

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

// What a row means beyond its line_kind, one type per kind that carries
// more. Kinds that carry nothing more (noise, sizes, simulate lines, ...)
// have std::monostate.
struct list_header {  // line_kind::header
  pkg_set set = pkg_set::upgraded;
  hold_reason reason = hold_reason::none;
  bool automatic = false;  // "Installing dependencies:"
  friend bool operator==(const list_header&, const list_header&) = default;
};
// line_kind::summary: the six counts are captures 0-5 (upgraded, newly
// installed, reinstalled, downgraded, to remove, not upgraded).
struct summary_counts {
  enum layout_t : std::uint8_t { classic, apt3 } layout = classic;
  // No table row matched: the line has the summary's shape (summary_shape.h).
  bool by_structure = false;
  friend bool operator==(const summary_counts&,
                         const summary_counts&) = default;
};
struct message_text {  // line_kind::message
  message_level level = message_level::error;
  // The message is the whole line (dpkg's "dpkg: error: ..."), not the
  // text after the row's literal prefix ("E: ").
  bool whole_line = false;
  friend bool operator==(const message_text&, const message_text&) = default;
};
struct dpkg_action {  // line_kind::dpkg_action
  dpkg_act act = dpkg_act::unpack_new;
  friend bool operator==(const dpkg_action&, const dpkg_action&) = default;
};
struct log_record {  // line_kind::record
  pkg_set set = pkg_set::upgraded;
  std::uint8_t flags = 0;  // record_flag bits
  friend bool operator==(const log_record&, const log_record&) = default;
};
struct hold_change {  // line_kind::hold_mark
  bool held = false;  // set on hold (else released)
  friend bool operator==(const hold_change&, const hold_change&) = default;
};
struct log_key {  // line_kind::log_key
  record_field field = record_field::start;
  key_role role = key_role::inside;
  friend bool operator==(const log_key&, const log_key&) = default;
};
struct list_status {        // line_kind::list_status
  std::uint16_t flags = 0;  // package_flag bits the bracket says
  // What the bracket's %s is: nothing, the installed version ("upgradable
  // from: %s") or the candidate ("installed,upgradable to: %s").
  enum arg_t : std::uint8_t { none, installed, candidate } arg = none;
  friend bool operator==(const list_status&, const list_status&) = default;
};
using row_meaning =
    std::variant<std::monostate, list_header, summary_counts, message_text,
                 dpkg_action, log_record, hold_change, log_key, list_status>;

// The text of a row is views: into the table's text_arena (text_arena.h),
// or for `lang` into the static tables. They live as long as the table.
struct table_row {
  std::string_view text;     // one line of the msgid or msgstr, trimmed
  std::string_view literal;  // text before the first conversion
  std::string_view lang;     // "" for English
  match_kind match = match_kind::exact;
  line_kind kind = line_kind::unknown;
  row_meaning meaning;
  // The format's first conversion is a number and nothing comes before it
  // (apt's summary line in most languages).
  bool starts_with_number = false;
  std::shared_ptr<re2::RE2> re;  // compiled, for rows fast_match cannot do
  // The longest literal run of the format: a line without it cannot match,
  // which spares RE2 most calls.
  std::string_view required;
  // capture group i holds printf arg [i]
  inline_list<int, max_conversions> arg_of_group;
  // For the fast matcher: the literals around the conversions (one more
  // than conversions) and whether each conversion is a number. Empty when
  // only RE2 can match the row.
  inline_list<std::string_view, max_captures + 1> literals;
  inline_list<bool, max_captures> numeric;
  // A prefix row matched in full (its literal prefix is too short to
  // dispatch on): any text may follow its last literal.
  bool open_end = false;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_TABLE_ROW_H_

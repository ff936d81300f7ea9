// Stage 3: classified lines -> events.
//
// A small state machine over the lines of a log. It knows four states:
// outside any list, inside a package list (opened by a header row, closed
// by a blank line or the first line that is not indented), after an apt
// message (whose indented lines continue it), and inside `apt list`'s
// listing (opened by "Listing...", closed by the first line that is not a
// listing line). Transactions open at the first
// line with content after an apt run starts, and end when the next run
// starts or the input ends, or at the last line of a record of apt's logs;
// where a run starts is the rule of events.h (apt's preamble or a log
// record's first line, a plan header after a summary line, a simulate line
// of a package the run already handled). Everything that depends on
// apt's wording comes from the format table; nothing here names a string.
#ifndef APTPARSE_SRC_MACHINE_SECTION_MACHINE_H_
#define APTPARSE_SRC_MACHINE_SECTION_MACHINE_H_

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "aptparse/error.h"
#include "aptparse/events.h"
#include "aptparse/options.h"
#include "aptparse/stats.h"
#include "classify/dpkg_log_line.h"
#include "classify/format_table.h"
#include "classify/list_items.h"
#include "machine/dpkg_log_run.h"
#include "util/key_set.h"
#include "util/log_time.h"
#include "util/text.h"

namespace aptparse::detail {

// One line of the input as the earlier stages leave it.
struct logical_line {
  std::string_view text;  // terminal controls, CI prefix and line end removed
  position where;
  std::uint64_t end_offset = 0;  // one past its last byte in the input
  // Bytes cut off at options::max_line_bytes; `text` is the line's first
  // bytes, parsed as they are.
  std::uint64_t dropped = 0;
  line_prefix prefix = line_prefix::none;  // the CI prefix that was removed
  bool ci_status = false;  // the CI system's own line: noise, not apt's text
};

class section_machine {
 public:
  section_machine(event_sink& sink, const options& opts)
      : sink_(&sink), opts_(opts), table_(&format_table::instance()) {
    dpkg_.set_runs(opts.apt_runs);
  }

  // The one way in: every line of the input, in order. Inline, so that the
  // caller's logical_line never goes through memory (this runs per line).
  void line(const logical_line& l) {
    ++stats_.lines;
    if (l.prefix != line_prefix::none) [[unlikely]]
      note_prefix(l.prefix);
    if (l.dropped != 0) [[unlikely]]
      diagnose(errc::line_too_long, l.where, l.dropped);
    if (l.ci_status) [[unlikely]] {
      ++stats_.noise_lines;
    } else if (failure_.ok()) [[likely]] {  // strict: a cut line stops here
      text_line(l.text, l.where, l.end_offset);
    }
    line_done(l.where, l.end_offset);
  }

  // The lines of a run (lines/line_runs.h), which come without prefix,
  // ESC byte or cut: each does exactly what line() does with such a line
  // and returns true, or does nothing and returns false (the line then
  // goes to line()). The parser's gate (run_start, lines/line_start.h)
  // picks the function from the first byte: list_run_line takes an item
  // of the open list (a line that starts with ' ' or '\t'); plain_run_line
  // a line that starts with neither white space nor a prefix;
  // blank_run_line an empty one. No failure_ test: the parser takes no
  // runs under options::strict, the one mode that stops at a line.
  bool list_run_line(std::string_view text, position where) {
    if (state_ != state::in_list) return false;
    const std::string_view t = trim_run_line(text);
    if (t.empty()) return false;
    ++stats_.lines;
    list_line(t, where, where.offset + text.size());
    return true;
  }
  bool plain_run_line(std::string_view text, position where) {
    if (state_ == state::in_listing) return false;
    ++stats_.lines;
    dispatch(trim_run_line(text), where, where.offset + text.size());
    return true;
  }
  bool blank_run_line(const position& where) {
    if (state_ == state::in_listing) return false;
    ++stats_.lines;
    blank_line();
    line_done(where, where.offset);
    return true;
  }

  // The prefix that the line just read adopted (a quote prefix; a CI
  // prefix comes with its line in logical_line::prefix).
  void note_prefix(line_prefix kind) noexcept;
  // The quote prefix ended: transactions that open now have none.
  void prefix_ended() noexcept { last_prefix_ = line_prefix::none; }

  // True iff an indented line is read as apt's own here: a package list's
  // item or a message's continuation.
  bool in_indented_block() const noexcept { return state_ != state::outside; }
  // The row that the last line read outside a list or message matched
  // (nullptr: none), for the quote prefix stage.
  const table_row* last_match() const noexcept { return last_match_; }
  // True iff that line was one of dpkg.log's (which dpkg writes at
  // column 0, like the rows of classify/anchor_line.h).
  bool last_was_dpkg_log() const noexcept { return last_dpkg_log_; }

  // The input ended: closes the open list and transaction.
  void finish();

  void reset();

  parse_stats& stats() noexcept { return stats_; }
  const status& failure() const noexcept { return failure_; }
  // One past the last byte of the last line passed to line().
  std::uint64_t last_end_offset() const noexcept { return prev_end_; }

 private:
  // after_unknown_header: the last line was in no table but ends in ':', a
  // list header's shape; in_unknown_list: package names followed it.
  enum class state : std::uint8_t {
    outside,
    in_list,
    in_message,
    after_unknown_header,
    in_unknown_list,
    in_listing
  };
  // The log record the open transaction is (none: not one, or ended).
  enum class record : std::uint8_t { none, keyed, output };

  // Hashes a name for held_, which is searched by string_view.
  struct name_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };

  void text_line(std::string_view text, const position& where,
                 std::uint64_t end_offset);
  // A line's end, whether it came to line() or in a run: where it was
  // (last_line_at), and the transaction that a log record's last line
  // ("End-Date:") ends.
  void line_done(const position& where, std::uint64_t end_offset) {
    last_line_at(where, end_offset);
    if (end_after_line_) [[unlikely]] {
      end_after_line_ = false;
      end_transaction();
    }
  }
  void last_line_at(const position& where, std::uint64_t end_offset) {
    prev_ = where;
    prev_end_ = end_offset;
  }
  // trim_right of a run's line (not empty), whose last byte is mostly no
  // blank: a byte above ' ' is none of is_space's, one compare.
  static std::string_view trim_run_line(std::string_view text) noexcept {
    return static_cast<unsigned char>(text.back()) > ' ' ? text
                                                         : trim_right(text);
  }

  // A blank line ends an apt 3.0 list and any message.
  void blank_line() noexcept {
    state_ = state::outside;
    ++stats_.noise_lines;
  }

  // dispatch and list_line end the line they read (line_done; for an item
  // last_line_at: an item is no record's last line), which line() does
  // again, to the same effect; the position comes by value. So a run's
  // line leaves the splitter's loop nothing to keep across the call, and
  // its position never goes through the loop's stack.
  //
  // text_line's reading of a line that starts with neither white space
  // nor nothing: a dpkg.log line or the format table's row.
  void dispatch(std::string_view body, position where,
                std::uint64_t end_offset);
  [[gnu::always_inline]] inline void read_line(std::string_view body,
                                               const position& where);
  // An item line of the open list, trimmed on the right.
  void list_line(std::string_view t, position where, std::uint64_t end_offset);
  // classified, simulate_line and dpkg_line are inlined into dispatch,
  // their one caller (section_machine.cpp): a call of their own cost a
  // frame on every line the table classifies.
  [[gnu::always_inline]] inline void classified(std::string_view body,
                                                const table_row* row,
                                                const captures& caps,
                                                const position& where);
  void open_list(const table_row& row, const position& where);
  // Inline: every package mention passes here.
  void emit_package(const package_ref& pkg, const position& where) {
    ++stats_.packages;
    if (pkg.reason == hold_reason::kept_back && !held_.empty()) [[unlikely]] {
      emit_held(pkg, where);
      return;
    }
    sink_->on_package(pkg, where);
  }
  // A kept-back package, reported as held if apt-mark held it.
  void emit_held(const package_ref& pkg, const position& where);
  void emit_counts(const captures& caps, const position& where);
  void emit_sizes(const table_row& row, const captures& caps,
                  const position& where);
  void emit_message(const table_row& row, std::string_view body,
                    const position& where);
  [[gnu::always_inline]] inline void simulate_line(line_kind kind,
                                                   std::string_view rest,
                                                   const position& where);
  [[gnu::always_inline]] inline void dpkg_line(const table_row& row,
                                               const captures& caps,
                                               const position& where);
  void record_line(const table_row& row, std::string_view rest,
                   const position& where);
  bool unknown_list_item(std::string_view line);
  void key_line(const log_key& key, std::string_view value,
                const position& where);
  // dpkg.log (dpkg_log_lines.cpp).
  void dpkg_log_line(const dpkg_log_fields& f, const position& where);
  void foreign_log_line(const position& where);
  void end_dpkg_run();
  void emit_time(record_field field, const civil_time& t,
                 const position& where);
  void hold_mark(bool held, std::string_view name);
  void open_listing(const position& where);
  bool listing_line(std::string_view line, const position& where);
  void download_line(const captures& caps, const position& where);
  // Tells the sink the native architecture (see on_native_arch) when a
  // simulate line shows one it has not been told.
  // Inlined into simulate_line, its one caller.
  [[gnu::always_inline]] inline void note_native_arch(std::string_view arch,
                                                      const position& where);
  // Opens a transaction unless one is open. The test is inline: most lines
  // that call it find one open, and a call per line cost more than the test.
  void ensure_transaction(const position& where) {
    if (!open_) [[unlikely]]
      open_transaction(where);
  }
  void open_transaction(const position& where);
  void end_transaction();
  void diagnose(errc code, const position& where, std::uint64_t dropped = 0);

  event_sink* sink_;
  options opts_;
  const format_table* table_;
  parse_stats stats_;
  status failure_;

  state state_ = state::outside;
  package_ref list_item_;    // what the open list's items start as (list_item)
  bool list_empty_ = false;  // a header opened the list (listing), no item yet
  position unknown_header_;  // the line of state::after_unknown_header

  bool open_ = false;                  // a transaction is open
  std::optional<position> run_start_;  // where the current apt run began
  position first_;                     // of the open transaction
  position prev_;                      // the previous line
  std::uint64_t prev_end_ = 0;
  bool awaiting_summary_ = false;  // lists seen, summary not yet
  bool summary_seen_ = false;      // the open transaction's summary
  // Name and architecture (hashed) of the packages the open transaction's
  // simulate lines handled; empty outside a transaction.
  key_set simulated_;
  counts counts_;
  // Packages that apt-mark put on hold earlier in the log, so that kept-back
  // ones can be told apart as held. Bounded: a log that holds more than
  // kMaxHeld packages reports the rest as kept back.
  static constexpr std::size_t kMaxHeld = 4096;
  std::unordered_set<std::string, name_hash, std::equal_to<>> held_;
  std::string native_arch_;  // the last one told to the sink
  const table_row* last_match_ = nullptr;
  // Per first byte, the format table's hint: the row its last line matched
  // (format_table::match), as runs of one kind of line ("Inst ", "Conf ",
  // "Setting up ") interleave.
  std::array<format_table::hint, 256> hints_{};
  // The row the last `apt list` bracket matched ("[installed]"), the hint
  // for the next.
  const table_row* status_hint_ = nullptr;
  line_prefix last_prefix_ = line_prefix::none;  // of the log so far
  line_prefix prefix_ = line_prefix::none;       // of the open transaction
  record record_ = record::none;
  bool record_error_ = false;    // the keyed record's last key was Error
  bool record_damaged_ = false;  // a time of the record did not parse
  bool end_after_line_ = false;  // the line read closes the record
  char time_[iso_time_size];     // the ISO form of the last time read
  dpkg_log_run dpkg_;  // the open transaction's, when it is a dpkg.log run
  bool last_dpkg_log_ = false;  // see last_was_dpkg_log()
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_MACHINE_SECTION_MACHINE_H_

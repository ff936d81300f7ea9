#include "machine/section_machine.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "classify/download_line.h"
#include "classify/dpkg_line.h"
#include "classify/list_line.h"
#include "classify/sim_line.h"
#include "util/size.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

// Lists that apt prints before its summary line; a log that ends after one
// of them without a summary was cut off. (dpkg's failed list comes after
// it, at the end of the run.)
bool expects_summary(pkg_set set) {
  return set != pkg_set::broken && set != pkg_set::disappeared &&
         set != pkg_set::esm && set != pkg_set::failed;
}

// The text after a row's literal prefix. A line may be shorter than the
// literal: lines arrive trimmed, so "Install: " matches "Install:".
std::string_view after_literal(std::string_view body, const table_row& row) {
  return body.substr(std::min(row.literal.size(), body.size()));
}

std::uint64_t to_count(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') break;
    if (v > (UINT64_MAX - 9) / 10) return UINT64_MAX;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

}  // namespace

void section_machine::text_line(std::string_view text, const position& where,
                                std::uint64_t end_offset) {
  std::string_view t = trim_right(text);
  if (state_ == state::in_listing) [[unlikely]] {
    // `apt list -a` separates packages by blank lines.
    if (t.empty()) {
      ++stats_.noise_lines;
      return;
    }
    if (listing_line(trim_left(t), where)) return;
  }
  if (t.empty()) {
    blank_line();
  } else if (is_space(t[0]) && state_ == state::in_list) {
    list_line(t, where, end_offset);
  } else if (is_space(t[0]) && state_ == state::in_message) {
    sink_->on_message_continuation(trim_left(t), where);
  } else if (is_space(t[0]) && unknown_list_item(t)) {
    ++stats_.unrecognized_lines;
    sink_->on_unrecognized(trim_left(t), where);
  } else {
    dispatch(trim_left(t), where, end_offset);
  }
}

void section_machine::dispatch(std::string_view body, position where,
                               std::uint64_t end_offset) {
  read_line(body, where);
  line_done(where, end_offset);
}

void section_machine::read_line(std::string_view body, const position& where) {
  // dpkg.log's lines begin with the date: one compare keeps apt's off
  // that path (only counts begin with a digit).
  if (is_digit(body[0])) [[unlikely]] {
    if (dpkg_log_fields f; parse_dpkg_log_line(body, f)) {
      last_match_ = nullptr;
      last_dpkg_log_ = true;
      dpkg_log_line(f, where);
      return;
    }
  }
  last_dpkg_log_ = false;
  captures caps;
  const table_row* row = last_match_ =
      table_->match(body, caps, hints_[static_cast<unsigned char>(body[0])]);
  classified(body, row, caps, where);
}

// Structure as a fallback: a header in a wording no table knows (a line
// ending in ':') followed by indented package names is a list whose set is
// unknown. Its lines stay unrecognised, nothing is guessed, and one
// errc::unknown_translation at the header says so; the list holds the
// indented lines that follow, so none of them is read as something else.
bool section_machine::unknown_list_item(std::string_view line) {
  if (state_ == state::in_unknown_list) return true;
  if (state_ != state::after_unknown_header || !is_package_list_line(line))
    return false;
  state_ = state::in_unknown_list;
  diagnose(errc::unknown_translation, unknown_header_);
  return true;
}

void section_machine::note_prefix(line_prefix kind) noexcept {
  last_prefix_ = kind;
  if (open_ && prefix_ == line_prefix::none) prefix_ = kind;
}

void section_machine::classified(std::string_view body, const table_row* row,
                                 const captures& caps, const position& where) {
  const line_kind kind = row ? row->kind : line_kind::unknown;
  // The second line of a two-line header keeps its list open.
  if (kind == line_kind::header_more && state_ == state::in_list &&
      list_empty_) {
    ++stats_.noise_lines;
    return;
  }
  const bool was_in_list = state_ == state::in_list;
  // "Listing... Done" after "Listing...": the same progress line again.
  const bool fresh_listing = state_ == state::in_listing && list_empty_;
  state_ = state::outside;
  const bool after_error = std::exchange(record_error_, false);
  switch (kind) {
    case line_kind::unknown:
      // apt's Error key may hold more lines than one.
      if (after_error) {
        sink_->on_record_field(record_field::error, body, where);
        sink_->on_message_continuation(body, where);
        record_error_ = true;
        return;
      }
      ++stats_.unrecognized_lines;
      if (was_in_list) diagnose(errc::unknown_line_in_list, where);
      if (dpkg_.active()) foreign_log_line(where);
      sink_->on_unrecognized(body, where);
      if (body.back() == ':') {
        state_ = state::after_unknown_header;
        unknown_header_ = where;
      }
      return;
    case line_kind::run_start:
      if (open_) end_transaction();
      run_start_ = where;
      ++stats_.noise_lines;
      return;
    case line_kind::header:
      // A plan after a summary line: the next run, its preamble filtered.
      if (open_ && summary_seen_ &&
          expects_summary(std::get<list_header>(row->meaning).set))
        end_transaction();
      open_list(*row, where);
      return;
    case line_kind::summary:
      if (std::get<summary_counts>(row->meaning).by_structure) {
        // Only where apt prints its summary is the shape taken for one.
        if (!awaiting_summary_) {
          ++stats_.unrecognized_lines;
          sink_->on_unrecognized(body, where);
          return;
        }
        diagnose(errc::unknown_translation, where);
      }
      emit_counts(caps, where);
      return;
    case line_kind::not_fully_installed:
      ensure_transaction(where);
      counts_.not_fully_installed = to_count(caps.arg(0));
      sink_->on_counts(counts_, where);
      return;
    case line_kind::size_download:
    case line_kind::size_download_partial:
    case line_kind::size_disk_used:
    case line_kind::size_disk_freed:
    case line_kind::size_space_needed:
    case line_kind::size_boot:
      emit_sizes(*row, caps, where);
      return;
    case line_kind::message:
      // history.log's "Error: " key is apt 3.0's error prefix too: the
      // record's error, and apt's error message as before.
      if (record_ == record::keyed &&
          std::get<message_text>(row->meaning).level == message_level::error) {
        sink_->on_record_field(record_field::error,
                               trim_left(after_literal(body, *row)), where);
        record_error_ = true;
      }
      emit_message(*row, body, where);
      return;
    case line_kind::log_key:
      key_line(std::get<log_key>(row->meaning),
               trim_left(after_literal(body, *row)), where);
      return;
    case line_kind::sim_inst:
    case line_kind::sim_remv:
    case line_kind::sim_purg:
      simulate_line(kind, trim_left(after_literal(body, *row)), where);
      return;
    case line_kind::dpkg_action:
      dpkg_line(*row, caps, where);
      return;
    case line_kind::record:
      record_line(*row, after_literal(body, *row), where);
      return;
    case line_kind::hold_mark:
      ++stats_.noise_lines;
      hold_mark(std::get<hold_change>(row->meaning).held, caps.arg(0));
      return;
    case line_kind::listing_header:
      ++stats_.noise_lines;
      if (fresh_listing) {
        state_ = state::in_listing;
      } else {
        open_listing(where);
      }
      return;
    case line_kind::download:
      ++stats_.noise_lines;
      download_line(caps, where);
      return;
    case line_kind::list_status:  // a bracket alone is no apt line
      ++stats_.unrecognized_lines;
      sink_->on_unrecognized(body, where);
      return;
    case line_kind::blank:
    case line_kind::noise:
    case line_kind::header_more:
    case line_kind::sim_conf:
      ++stats_.noise_lines;
      return;
  }
}

void section_machine::open_list(const table_row& row, const position& where) {
  ensure_transaction(where);
  const auto& header = std::get<list_header>(row.meaning);
  list_item_ = list_item(
      list_context{.set = header.set,
                   .reason = header.reason,
                   .flags = header.automatic ? std::uint8_t{flag_automatic}
                                             : std::uint8_t{0}});
  state_ = state::in_list;
  list_empty_ = true;
  if (expects_summary(header.set)) awaiting_summary_ = true;
  sink_->on_section(header.set, header.reason, where);
}

void section_machine::emit_held(const package_ref& pkg, const position& where) {
  if (held_.find(pkg.name) == held_.end()) {
    sink_->on_package(pkg, where);
    return;
  }
  package_ref held = pkg;
  held.reason = hold_reason::held;
  sink_->on_package(held, where);
}

void section_machine::hold_mark(bool held, std::string_view name) {
  auto it = held_.find(name);
  if (held && it == held_.end() && held_.size() < kMaxHeld) held_.emplace(name);
  if (!held && it != held_.end()) held_.erase(it);
}

void section_machine::emit_counts(const captures& caps, const position& where) {
  ensure_transaction(where);
  counts_ = counts{};
  counts_.upgraded = to_count(caps.arg(0));
  counts_.newly_installed = to_count(caps.arg(1));
  counts_.reinstalled = to_count(caps.arg(2));
  counts_.downgraded = to_count(caps.arg(3));
  counts_.to_remove = to_count(caps.arg(4));
  counts_.not_upgraded = to_count(caps.arg(5));
  awaiting_summary_ = false;
  summary_seen_ = true;
  sink_->on_counts(counts_, where);
}

void section_machine::emit_message(const table_row& row, std::string_view body,
                                   const position& where) {
  ensure_transaction(where);
  const auto& message = std::get<message_text>(row.meaning);
  std::string_view text =
      message.whole_line ? body : trim_left(after_literal(body, row));
  sink_->on_message(message.level, text, where);
  state_ = state::in_message;
}

void section_machine::simulate_line(line_kind kind, std::string_view rest,
                                    const position& where) {
  const sim_fields f = sim_fields_of(rest);
  if (f.name.empty()) {  // no name
    ++stats_.unrecognized_lines;
    sink_->on_unrecognized(rest, where);
    return;
  }
  const package_ref pkg = kind == line_kind::sim_inst
                              ? inst_package(f)
                              : removal_package(f, kind == line_kind::sim_purg);
  // apt handles a package once per run: a second time, it is the next run
  // (apt-get -sqq runs written one after another print no preamble).
  const std::uint64_t key = key_set::key_of(pkg.name, pkg.arch);
  if (!simulated_.insert(key) && open_) {
    end_transaction();  // empties simulated_
    simulated_.insert(key);
  }
  ensure_transaction(where);
  note_native_arch(native_arch_shown(pkg), where);
  emit_package(pkg, where);
}

void section_machine::note_native_arch(std::string_view arch,
                                       const position& where) {
  if (arch.empty() || same_short_text(arch, native_arch_)) return;
  native_arch_.assign(arch);
  sink_->on_native_arch(native_arch_, where);
}

void section_machine::dpkg_line(const table_row& row, const captures& caps,
                                const position& where) {
  ensure_transaction(where);
  emit_package(dpkg_package(std::get<dpkg_action>(row.meaning).act, caps.arg(0),
                            caps.arg(1), caps.arg(2)),
               where);
}

void section_machine::open_transaction(const position& where) {
  open_ = true;
  first_ = run_start_.value_or(where);
  run_start_.reset();
  awaiting_summary_ = false;
  summary_seen_ = false;
  counts_ = counts{};
  prefix_ = last_prefix_;
  sink_->on_transaction_begin(first_);
}

void section_machine::end_transaction() {
  if (dpkg_.active()) end_dpkg_run();
  transaction_span span;
  span.first = first_;
  span.last = prev_;
  span.end_offset = prev_end_;
  span.complete =
      !awaiting_summary_ && record_ == record::none && !record_damaged_;
  span.prefix = prefix_;
  if (awaiting_summary_) diagnose(errc::truncated_transaction, prev_);
  if (record_ != record::none) diagnose(errc::unterminated_record, prev_);
  record_ = record::none;
  record_error_ = record_damaged_ = end_after_line_ = false;
  open_ = false;
  state_ = state::outside;
  simulated_.clear();
  ++stats_.transactions;
  sink_->on_transaction_end(span);
}

void section_machine::finish() {
  if (open_) end_transaction();
  state_ = state::outside;
}

void section_machine::diagnose(errc code, const position& where,
                               std::uint64_t dropped) {
  sink_->on_diagnostic(diagnostic{code, where, dropped});
  if (opts_.strict && failure_.ok())
    failure_ = status{errc::strict_violation, where};
}

void section_machine::reset() {
  stats_ = parse_stats{};
  failure_ = status{};
  state_ = state::outside;
  list_empty_ = false;
  open_ = false;
  run_start_.reset();
  first_ = prev_ = position{};
  prev_end_ = 0;
  awaiting_summary_ = summary_seen_ = false;
  simulated_.clear();
  counts_ = counts{};
  last_prefix_ = prefix_ = line_prefix::none;
  held_.clear();
  hints_.fill(format_table::hint{});
  status_hint_ = nullptr;
  native_arch_.clear();
  record_ = record::none;
  record_error_ = record_damaged_ = end_after_line_ = false;
  dpkg_.close();
}

}  // namespace aptparse::detail

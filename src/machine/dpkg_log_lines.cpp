// The section machine's dpkg.log lines: each belongs to a dpkg.log run,
// one transaction per apt run (events.h gives the rule, dpkg_log_run.h
// why it holds).
#include "classify/dpkg_log_line.h"
#include "machine/section_machine.h"

namespace aptparse::detail {

void section_machine::dpkg_log_line(const dpkg_log_fields& f,
                                    const position& where) {
  state_ = state::outside;
  const std::optional<civil_time> time = parse_log_time(f.time);
  // An apt run's text before it, or the previous apt run, ends here.
  if (open_ && (!dpkg_.active() || (f.kind == dpkg_log_kind::startup &&
                                    dpkg_.starts_new_run(time))))
    end_transaction();
  ensure_transaction(where);
  if (dpkg_.note(f, time)) emit_time(record_field::start, *time, where);
  if (!time) {
    record_damaged_ = true;
    diagnose(errc::unparsable_time, where);
  }
  if (changes_package(f.kind)) {
    emit_package(dpkg_log_package(f), where);
  } else {
    ++stats_.noise_lines;
  }
}

void section_machine::foreign_log_line(const position& where) {
  record_damaged_ = true;
  diagnose(errc::foreign_log_line, where);
}

void section_machine::end_dpkg_run() {
  dpkg_.for_each_failed(
      [&](const package_ref& pkg) { emit_package(pkg, prev_); });
  if (const auto& last = dpkg_.last_time())
    emit_time(record_field::end, *last, prev_);
  dpkg_.close();
}

void section_machine::emit_time(record_field field, const civil_time& t,
                                const position& where) {
  format_iso_time(t, time_);
  sink_->on_record_field(field, std::string_view(time_, iso_time_size), where);
}

}  // namespace aptparse::detail

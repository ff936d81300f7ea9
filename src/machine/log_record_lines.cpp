// The section machine's lines of apt's logs: history.log's records
// ("Start-Date:" ... "End-Date:", their action keys) and term.log's
// sessions ("Log started:" ... "Log ended:").
#include "classify/record_line.h"
#include "machine/section_machine.h"

namespace aptparse::detail {

void section_machine::record_line(const table_row& row, std::string_view rest,
                                  const position& where) {
  ensure_transaction(where);
  list_context ctx;
  const auto& record = std::get<log_record>(row.meaning);
  ctx.set = record.set;
  // emit_package's work, cheaper: a record entry's reason is always none
  // (no held check), and the sink and the count stay in registers across
  // the entries instead of being reloaded through `this` for each.
  event_sink* const sink = sink_;
  std::uint64_t packages = 0;
  parse_record_line(rest, ctx, record.flags, [&](const package_ref& pkg) {
    ++packages;
    sink->on_package(pkg, where);
  });
  stats_.packages += packages;
}

void section_machine::key_line(const log_key& key, std::string_view value,
                               const position& where) {
  if (key.role == key_role::opens_keyed || key.role == key_role::opens_output) {
    if (open_) end_transaction();
    run_start_ = where;
    ensure_transaction(where);
    record_ =
        key.role == key_role::opens_keyed ? record::keyed : record::output;
  } else {
    ensure_transaction(where);
  }
  if (key.field == record_field::start || key.field == record_field::end) {
    if (is_log_time(value)) {
      iso_time_of_accepted(value, time_);
      sink_->on_record_field(key.field, std::string_view(time_, iso_time_size),
                             where);
    } else {
      record_damaged_ = true;
      diagnose(errc::unparsable_time, where);
    }
  } else {
    sink_->on_record_field(key.field, value, where);
  }
  if (key.role == key_role::closes) {
    record_ = record::none;
    end_after_line_ = true;
  }
}

}  // namespace aptparse::detail

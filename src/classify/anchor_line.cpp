#include "classify/anchor_line.h"

#include "classify/dpkg_log_line.h"
#include "classify/format_table.h"

namespace aptparse::detail {

namespace {
const table_row* row_of(std::string_view line) {
  captures caps;
  return format_table::instance().match(line, caps);
}

bool is_dpkg_log_line(std::string_view line) noexcept {
  dpkg_log_fields f;
  return parse_dpkg_log_line(line, f);
}
}  // namespace

bool is_known_line(std::string_view line) noexcept {
  return row_of(line) != nullptr || is_dpkg_log_line(line);
}

bool printed_at_column_zero(std::string_view line) noexcept {
  const table_row* row = row_of(line);
  return row != nullptr ? printed_at_column_zero(*row) : is_dpkg_log_line(line);
}

bool printed_at_column_zero(const table_row& row) noexcept {
  switch (row.kind) {
    case line_kind::run_start:
    case line_kind::header:
    case line_kind::not_fully_installed:
    case line_kind::sim_inst:
    case line_kind::sim_conf:
    case line_kind::sim_remv:
    case line_kind::sim_purg:
    case line_kind::dpkg_action:
      return true;
    case line_kind::log_key: {  // a log record's first line
      const key_role role = std::get<log_key>(row.meaning).role;
      return role == key_role::opens_keyed || role == key_role::opens_output;
    }
    case line_kind::summary:
      // The classic line, not apt 3's indented block.
      return std::get<summary_counts>(row.meaning).layout ==
             summary_counts::classic;
    default:
      return false;
  }
}

}  // namespace aptparse::detail

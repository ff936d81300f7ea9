// The section machine's size lines: "Need to get", "... disk space ...",
// apt 3.0's "Space needed:" and "in /boot:", as size events in bytes.
#include "machine/section_machine.h"
#include "util/size.h"

namespace aptparse::detail {

void section_machine::emit_sizes(const table_row& row, const captures& caps,
                                 const position& where) {
  ensure_transaction(where);
  auto emit = [&](size_kind kind, std::string_view text) {
    if (auto bytes = parse_size(text)) sink_->on_size(kind, *bytes, where);
  };
  switch (row.kind) {
    case line_kind::size_download:
      emit(size_kind::download, caps.arg(0));
      break;
    case line_kind::size_download_partial:
      emit(size_kind::download, caps.arg(0));
      emit(size_kind::download_total, caps.arg(1));
      break;
    case line_kind::size_disk_used:
      emit(size_kind::disk_used, caps.arg(0));
      break;
    case line_kind::size_disk_freed:
      emit(size_kind::disk_freed, caps.arg(0));
      break;
    case line_kind::size_space_needed:
      emit(size_kind::disk_used, caps.arg(0));
      if (!caps.arg(1).empty()) emit(size_kind::disk_available, caps.arg(1));
      break;
    case line_kind::size_boot:
      emit(size_kind::boot_needed, caps.arg(1));
      emit(size_kind::boot_available, caps.arg(2));
      break;
    default:
      break;
  }
}

}  // namespace aptparse::detail

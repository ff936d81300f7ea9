// The section machine's `apt list` lines (a listing, kind "listing") and
// the "Get:" lines that tell a package's suite.
#include "classify/download_line.h"
#include "classify/list_line.h"
#include "machine/section_machine.h"

namespace aptparse::detail {

void section_machine::open_listing(const position& where) {
  // `apt list` is a run of its own, without a preamble.
  if (open_) end_transaction();
  ensure_transaction(where);
  state_ = state::in_listing;
  list_empty_ = true;
  sink_->on_section(pkg_set::listed, hold_reason::none, where);
}

bool section_machine::listing_line(std::string_view line,
                                   const position& where) {
  listing_fields f;
  if (!split_listing_line(line, f)) return false;
  captures caps;
  const table_row* status = nullptr;
  if (!f.status.empty()) {
    status = table_->match(f.status, caps, status_hint_);
    if (status != nullptr) status_hint_ = status;
    if (status != nullptr && status->kind != line_kind::list_status)
      status = nullptr;
    // A bracket no catalogue has: the package without its status.
    if (status == nullptr) diagnose(errc::unknown_translation, where);
  }
  list_empty_ = false;
  emit_package(listing_package(f, status, caps), where);
  return true;
}

void section_machine::download_line(const captures& caps,
                                    const position& where) {
  download_fields f;
  if (open_ && parse_download(caps.arg(1), f))
    sink_->on_download(f.name, f.arch, f.version, f.suite, where);
}

}  // namespace aptparse::detail

// The items of an open package list: one function for the per-line path
// (text_line) and the runs of lines the parser hands the list
// (list_run_line), so that both read an item line alike.
#include "classify/list_items.h"
#include "machine/section_machine.h"

namespace aptparse::detail {

void section_machine::list_line(std::string_view t, position where,
                                std::uint64_t end_offset) {
  list_empty_ = false;
  parse_list_line(t, list_item_,
                  [&](const package_ref& pkg) { emit_package(pkg, where); });
  last_line_at(where, end_offset);
}

}  // namespace aptparse::detail

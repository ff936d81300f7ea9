// apt's sizes (event_sink::on_size) into a transaction's `sizes`.
#ifndef APTPARSE_SRC_REPORT_SIZE_FIELDS_H_
#define APTPARSE_SRC_REPORT_SIZE_FIELDS_H_

#include <cstdint>

#include "aptparse/events.h"
#include "aptparse/report.h"

namespace aptparse::detail {

// Stores `bytes` as the size `kind` says: disk_used and disk_freed both
// set the signed disk_change (freed negated), the others their own field.
void store_size(sizes& s, size_kind kind, std::uint64_t bytes);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_SIZE_FIELDS_H_

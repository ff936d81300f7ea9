// The report builder's access to a transaction's package array: it builds
// each set in a reused vector of its own (merging mentions needs a growable
// set) and moves them into the transaction's one array when it ends; and it
// hands one transaction after another to its callback, keeping the
// capacity.
#ifndef APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_
#define APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_

#include <array>
#include <memory>
#include <vector>

#include "aptparse/report.h"

namespace aptparse::detail {

// One vector per set, in APTPARSE_PKG_SET_MAP order.
using package_sets = std::array<std::vector<package>, pkg_set_count>;

struct transaction_access {
  // Replaces t's packages with the packages of `sets`, moved into an array
  // of the exact size: carved from `arena` when given (a report's
  // transactions), else t's own (no allocation when it already has room).
  // `sets` keep their capacity; their packages are moved-from.
  static void take_sets(transaction& t, package_sets& sets,
                        const std::shared_ptr<string_arena>& arena);
  // Empties t's sets, keeping the array's capacity.
  static void clear_packages(transaction& t) noexcept;
};

// Empties `t` for the next transaction, keeping the capacity of its
// vectors (after a callback that only read it, no allocation is needed).
// Next to operator== in transaction.cpp: both name every field.
void clear_for_reuse(transaction& t);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_

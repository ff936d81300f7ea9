// Reusing a transaction's storage: the builder hands one transaction
// after another to its callback and keeps the vectors' capacity.
#ifndef APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_
#define APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_

#include "aptparse/report.h"

namespace aptparse::detail {

// Empties `t` for the next transaction, keeping the capacity of its
// vectors (after a callback that only read it, no allocation is needed).
// Next to operator== in transaction.cpp: both name every field.
void clear_for_reuse(transaction& t);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_

// A transaction's one package array (add()), its equality (which must skip
// the arena: two transactions with equal text in different arenas are
// equal) and its reuse.
#include <algorithm>
#include <cstddef>

#include "aptparse/report.h"
#include "report/transaction_reuse.h"

namespace aptparse {

void transaction::add(pkg_set s, package p) {
  const auto i = static_cast<std::size_t>(s);
  packages_.insert(bounds_[i + 1], std::move(p));
  for (std::size_t j = i + 1; j < bounds_.size(); ++j) ++bounds_[j];
}

bool operator==(const transaction& a, const transaction& b) {
  // Equal boundaries and equal arrays: every set is equal.
  return a.bounds_ == b.bounds_ &&
         std::ranges::equal(a.packages(), b.packages()) && a.kind == b.kind &&
         a.security_count == b.security_count && a.start == b.start &&
         a.end == b.end && a.command == b.command &&
         a.requested_by_user == b.requested_by_user &&
         a.requested_by_uid == b.requested_by_uid && a.error == b.error &&
         a.counts == b.counts && a.consistency == b.consistency &&
         a.sizes == b.sizes && a.messages == b.messages &&
         a.unrecognized_count == b.unrecognized_count &&
         a.unrecognized == b.unrecognized && a.diagnostics == b.diagnostics &&
         a.span == b.span;
}

namespace detail {

void transaction_access::clear_packages(transaction& t) noexcept {
  t.packages_.clear();
  t.bounds_.fill(0);
}

void clear_for_reuse(transaction& t) {
  t.kind = record_kind::transaction;
  t.security_count = 0;
  transaction_access::clear_packages(t);
  t.start.reset();
  t.end.reset();
  t.command.reset();
  t.requested_by_user.reset();
  t.requested_by_uid.reset();
  t.error.reset();
  t.counts.reset();
  t.consistency.verdict = consistency_verdict::no_counts;
  t.consistency.mismatches.clear();
  t.consistency.unverifiable.clear();
  t.sizes = sizes{};
  t.messages.clear();
  t.unrecognized_count = 0;
  t.unrecognized.clear();
  t.diagnostics.clear();
  t.span = transaction_span{};
}

}  // namespace detail
}  // namespace aptparse

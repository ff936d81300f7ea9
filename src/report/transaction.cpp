// A transaction's sets by name, and its equality (which must skip the
// arena: two transactions with equal text in different arenas are equal).
#include "aptparse/report.h"
#include "report/transaction_reuse.h"

namespace aptparse {

std::vector<package>& transaction::set(pkg_set s) noexcept {
  return const_cast<std::vector<package>&>(
      static_cast<const transaction&>(*this).set(s));
}

const std::vector<package>& transaction::set(pkg_set s) const noexcept {
  switch (s) {
#define APTPARSE_SET_CASE(name) \
  case pkg_set::name:           \
    return name;
    APTPARSE_PKG_SET_MAP(APTPARSE_SET_CASE)
#undef APTPARSE_SET_CASE
  }
  return upgraded;
}

bool operator==(const transaction& a, const transaction& b) {
  for (int s = 0; s < pkg_set_count; ++s)
    if (a.set(static_cast<pkg_set>(s)) != b.set(static_cast<pkg_set>(s)))
      return false;
  return a.kind == b.kind && a.security_count == b.security_count &&
         a.start == b.start && a.end == b.end && a.command == b.command &&
         a.requested_by_user == b.requested_by_user &&
         a.requested_by_uid == b.requested_by_uid && a.error == b.error &&
         a.counts == b.counts && a.consistency == b.consistency &&
         a.sizes == b.sizes && a.messages == b.messages &&
         a.unrecognized_count == b.unrecognized_count &&
         a.unrecognized == b.unrecognized && a.diagnostics == b.diagnostics &&
         a.span == b.span;
}

namespace detail {

void clear_for_reuse(transaction& t) {
  t.kind = record_kind::transaction;
  t.security_count = 0;
  for (int s = 0; s < pkg_set_count; ++s)
    t.set(static_cast<pkg_set>(s)).clear();
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

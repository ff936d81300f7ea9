// A transaction's sets by name, and its equality (which must skip the
// arena: two transactions with equal text in different arenas are equal).
#include "aptparse/report.h"

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
  return a.start == b.start && a.end == b.end && a.command == b.command &&
         a.requested_by_user == b.requested_by_user &&
         a.requested_by_uid == b.requested_by_uid && a.error == b.error &&
         a.counts == b.counts && a.consistency == b.consistency &&
         a.sizes == b.sizes && a.messages == b.messages &&
         a.unrecognized_count == b.unrecognized_count &&
         a.unrecognized == b.unrecognized && a.diagnostics == b.diagnostics &&
         a.span == b.span;
}

}  // namespace aptparse

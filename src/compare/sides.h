// One side of a comparison: the changes that a plan or an outcome lists,
// one entry per package (name and architecture).
#ifndef APTPARSE_SRC_COMPARE_SIDES_H_
#define APTPARSE_SRC_COMPARE_SIDES_H_

#include <span>
#include <vector>

#include "aptparse/compare.h"

namespace aptparse::detail {

struct side_entry {
  change what;              // failed only: action none, name, arch, version
  bool has_change = false;  // listed in a set of changes
  bool failed = false;      // listed in the failed set
};

// The changes of `transactions` in the order they are first listed; a
// package listed again takes its last listing. With `with_failed`, the
// failed set marks its packages (and adds those not otherwise listed).
std::vector<side_entry> collect_side(std::span<const transaction> transactions,
                                     bool with_failed);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_COMPARE_SIDES_H_

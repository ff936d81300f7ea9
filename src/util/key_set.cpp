#include "util/key_set.h"

namespace aptparse::detail {

void key_set::grow() {
  std::vector<std::uint64_t> old(slots_.empty() ? 64 : slots_.size() * 2, 0);
  old.swap(slots_);
  for (std::uint64_t k : old) {
    if (k == 0) continue;
    std::size_t i = slot_of(k);
    while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = k;
  }
}

}  // namespace aptparse::detail

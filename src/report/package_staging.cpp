#include "report/package_staging.h"

#include <bit>

namespace aptparse::detail {

void package_staging::new_run(int s, std::uint32_t at) {
  in_order_ = in_order_ && s > run_set_;
  run_set_ = s;
  runs_.push_back(run{s, at});
}

void package_staging::clear(std::uint32_t touched) noexcept {
  for (; touched != 0; touched &= touched - 1)
    count_[std::countr_zero(touched)] = 0;
  all_.clear();
  runs_.clear();
  run_set_ = -1;
  in_order_ = true;
}

void package_staging::take_into(transaction& t,
                                const std::shared_ptr<string_arena>& arena) {
  auto& bounds = transaction_access::bounds(t);
  bounds[0] = 0;
  for (int s = 0; s < pkg_set_count; ++s) bounds[s + 1] = bounds[s] + count_[s];
  package_array& to = transaction_access::packages(t);
  const std::size_t n = all_.size();
  if (arena == nullptr && in_order_ && transaction_access::owns_array(to)) {
    to.clear();
    to.swap(all_);
  } else {
    to.reset(n, arena);
    if (in_order_) {
      transaction_access::append_moved(to, all_.data(), n);
    } else {
      // Set after set; a set's runs in the order they came.
      for (int s = 0; s < pkg_set_count; ++s) {
        if (count_[s] == 0) continue;
        for (std::size_t r = 0; r < runs_.size(); ++r) {
          if (runs_[r].set != s) continue;
          const std::uint32_t end = r + 1 < runs_.size()
                                        ? runs_[r + 1].first
                                        : static_cast<std::uint32_t>(n);
          transaction_access::append_moved(to, all_.data() + runs_[r].first,
                                           end - runs_[r].first);
        }
      }
    }
    transaction_access::forget_moved(all_);  // every entry moved out
  }
}

}  // namespace aptparse::detail

// The open transaction's packages while the report builder adds them: one
// array, each new entry built once at its end, whatever its set. When the
// sets arrive in the map's order (history.log's records: Install, Upgrade,
// Remove, ...) that array already is the transaction's: handed to a
// callback it is swapped in, not moved package by package. Sets that come
// out of order (apt's console output lists Upgrade before Install) are
// put in order when the transaction ends, from the runs recorded here.
#ifndef APTPARSE_SRC_REPORT_PACKAGE_STAGING_H_
#define APTPARSE_SRC_REPORT_PACKAGE_STAGING_H_

#include <array>
#include <cstdint>
#include <new>
#include <vector>

#include "aptparse/report.h"
#include "report/transaction_reuse.h"

namespace aptparse::detail {

class package_staging {
 public:
  package* data() noexcept { return all_.data(); }
  const package* data() const noexcept { return all_.data(); }
  // Entries of set s.
  std::uint32_t count(int s) const noexcept { return count_[s]; }
  // The last entry added to set s (count(s) > 0).
  package& last(int s) noexcept { return all_.data()[last_[s]]; }

  // Appends to set s the package build(void* slot) constructs in its slot
  // (no temporary, no move). Returns its index in data().
  template <class F>
  std::uint32_t append(int s, F&& build) {
    build(static_cast<void*>(transaction_access::spare_slot(all_)));
    const std::uint32_t at = transaction_access::commit_slot(all_);
    if (s != run_set_) new_run(s, at);
    ++count_[s];
    last_[s] = at;
    return at;
  }

  // Empties the sets that `touched` has a bit for (the only ones with
  // entries), keeping the array.
  void clear(std::uint32_t touched) noexcept;

  // Makes the entries t's packages, set after set: t's array becomes the
  // staged one (which takes t's old array for the next transaction) when
  // no arena is given and the sets came in order; otherwise they are moved
  // into an array of the exact size, carved from `arena` when given. The
  // staging holds no package afterwards; clear() it before the next.
  void take_into(transaction& t, const std::shared_ptr<string_arena>& arena);

 private:
  struct run {
    int set;
    std::uint32_t first;  // index in all_ of the run's first entry
  };
  // Rare (a few times a transaction): out of line, add() stays short.
  [[gnu::noinline]] void new_run(int s, std::uint32_t at);

  package_array all_;  // every entry, in the order added
  std::array<std::uint32_t, pkg_set_count> count_{};
  std::array<std::uint32_t, pkg_set_count> last_{};
  std::vector<run> runs_;  // where the set of the next entry changed
  int run_set_ = -1;       // the set of the last run
  bool in_order_ = true;   // each run's set after the one before
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_PACKAGE_STAGING_H_

// The report builder's access to a transaction's package array: it builds
// a transaction's packages in an array of its own (package_staging.h) and
// hands them to the transaction when it ends; and it hands one transaction
// after another to its callback, keeping the capacity.
#ifndef APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_
#define APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_

#include <array>
#include <cstdint>
#include <memory>

#include "aptparse/report.h"

namespace aptparse::detail {

struct transaction_access {
  static package_array& packages(transaction& t) noexcept {
    return t.packages_;
  }
  static std::array<std::uint32_t, pkg_set_count + 1>& bounds(
      transaction& t) noexcept {
    return t.bounds_;
  }
  // The slot after a's last package, uninitialised: a grows (into an array
  // of its own, twice as large) when full. commit_slot() counts it once a
  // package is built there, and returns its index.
  static package* spare_slot(package_array& a) {
    if (a.size_ == a.capacity_) grow(a);
    return a.data_ + a.size_;
  }
  static std::uint32_t commit_slot(package_array& a) noexcept {
    return a.size_++;
  }
  // Whether a's array is its own (not carved from an arena).
  static bool owns_array(const package_array& a) noexcept {
    return a.arena_ == nullptr;
  }
  // Appends the n packages at `from`, moved; reset() made room for them.
  static void append_moved(package_array& a, package* from, std::size_t n);
  // Empties a, whose every package append_moved() moved out, without
  // destroying them: a moved-from package holds nothing to release (its
  // `alternatives` is left empty by vector's move constructor), and its
  // storage may be reused without a destructor call ([basic.life]). One
  // test and load a package less than clear() in report mode.
  static void forget_moved(package_array& a) noexcept { a.size_ = 0; }
  // Empties t's sets, keeping the array's capacity.
  static void clear_packages(transaction& t) noexcept;

 private:
  static void grow(package_array& a);  // out of line: rare
};

// Empties `t` for the next transaction, keeping the capacity of its
// vectors (after a callback that only read it, no allocation is needed).
// Next to operator== in transaction.cpp: both name every field.
void clear_for_reuse(transaction& t);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_TRANSACTION_REUSE_H_

// A transaction's package array (report.h): its own heap array, or carved
// from its report's arena, where the builder puts the packages of every
// kept transaction (no malloc and free per transaction, and pages that the
// arena's block cache reuses from one report to the next).
#include <algorithm>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>

#include "aptparse/report.h"
#include "report/string_arena.h"
#include "report/transaction_reuse.h"

namespace aptparse::detail {
namespace {

package* allocate_own(std::size_t n) {
  return std::allocator<package>{}.allocate(n);
}

std::uint32_t checked_count(std::size_t n) {
  if (n > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("aptparse::transaction: too many packages");
  return static_cast<std::uint32_t>(n);
}

}  // namespace

package_array::package_array(const package_array& other) {
  if (other.size_ == 0) return;
  package* copy = allocate_own(other.size_);
  try {
    std::uninitialized_copy_n(other.data_, other.size_, copy);
  } catch (...) {
    std::allocator<package>{}.deallocate(copy, other.size_);
    throw;
  }
  data_ = copy;
  size_ = capacity_ = other.size_;
}

package_array::~package_array() {
  destroy_all();
  free_storage();
}

void package_array::destroy_all() noexcept {
  std::destroy_n(data_, size_);
  size_ = 0;
}

void package_array::free_storage() noexcept {
  if (arena_ == nullptr && data_ != nullptr)
    std::allocator<package>{}.deallocate(data_, capacity_);
  arena_.reset();
  data_ = nullptr;
  capacity_ = 0;
}

void package_array::clear() noexcept { destroy_all(); }

void package_array::reset(std::size_t n,
                          const std::shared_ptr<string_arena>& arena) {
  const std::uint32_t count = checked_count(n);
  destroy_all();
  if (arena == nullptr && arena_ == nullptr && capacity_ >= count) return;
  free_storage();
  if (count == 0) return;
  if (arena != nullptr) {
    data_ = static_cast<package*>(
        arena->allocate(count * sizeof(package), alignof(package)));
    arena_ = arena;
  } else {
    data_ = allocate_own(count);
  }
  capacity_ = count;
}

void package_array::push_back_unchecked(package&& p) {
  std::construct_at(data_ + size_, std::move(p));
  ++size_;
}

void package_array::grow_own(std::uint32_t room) {
  package_array grown;
  grown.data_ = allocate_own(room);
  grown.capacity_ = room;
  transaction_access::append_moved(grown, data_, size_);
  swap(grown);  // grown, with the old packages, destroys and frees them
}

void package_array::insert(std::size_t at, package&& p) {
  const std::uint32_t count = checked_count(std::size_t{size_} + 1);
  if (count > capacity_) {  // into an array of its own, twice as large
    const std::uint32_t room = std::max<std::uint32_t>(
        count, capacity_ > std::numeric_limits<std::uint32_t>::max() / 2
                   ? std::numeric_limits<std::uint32_t>::max()
                   : capacity_ * 2);
    grow_own(room);
  }
  // Shift [at, size_) one place right, then move p into the gap.
  if (at == size_) {
    push_back_unchecked(std::move(p));
    return;
  }
  push_back_unchecked(std::move(data_[size_ - 1]));
  std::move_backward(data_ + at, data_ + size_ - 2, data_ + size_ - 1);
  data_[at] = std::move(p);
}

void transaction_access::append_moved(package_array& a, package* from,
                                      std::size_t n) {
  package* to = a.data_ + a.size_;
  for (std::size_t i = 0; i < n; ++i)
    std::construct_at(to + i, std::move(from[i]));
  a.size_ += static_cast<std::uint32_t>(n);
}

void transaction_access::grow(package_array& a) {
  a.grow_own(a.capacity_ == 0 ? 16
                              : checked_count(std::size_t{a.capacity_} * 2));
}

}  // namespace aptparse::detail

// A list of at most N values held inside its owner: each row of the format
// table keeps its few literals and conversions this way, where a vector each
// cost an allocation (thousands at every start).
#ifndef APTPARSE_SRC_CLASSIFY_INLINE_LIST_H_
#define APTPARSE_SRC_CLASSIFY_INLINE_LIST_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace aptparse::detail {

template <class T, std::size_t N>
class inline_list {
  static_assert(N < 256);

 public:
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  static constexpr std::size_t capacity() noexcept { return N; }

  const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  T& operator[](std::size_t i) noexcept { return items_[i]; }
  const T* begin() const noexcept { return items_; }
  const T* end() const noexcept { return items_ + size_; }
  T* begin() noexcept { return items_; }
  T* end() noexcept { return items_ + size_; }

  // REQUIRES: size() < capacity().
  void push_back(const T& v) noexcept { items_[size_++] = v; }
  void clear() noexcept { size_ = 0; }

  friend bool operator==(const inline_list& a, const inline_list& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  T items_[N] = {};
  std::uint8_t size_ = 0;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_INLINE_LIST_H_

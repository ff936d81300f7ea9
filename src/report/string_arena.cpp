// string_arena's slow path and the public functions that reach it.
#include "report/string_arena.h"

#include <algorithm>

namespace aptparse {

string_arena::~string_arena() = default;

void string_arena::grow(std::size_t need) {
  // Doubling blocks up to 1 MiB: a transaction with thousands of packages
  // makes O(log n) allocations, a typical one none past the inline block,
  // and a report's arena wastes at most 1 MiB at the end of a block.
  constexpr std::size_t kMaxDoubling = 1 << 20;
  std::size_t size = std::max(need, std::min(capacity_, kMaxDoubling));
  if (spare_ && spare_size_ >= need) {  // already in capacity_
    size = spare_size_;
    blocks_.push_back(std::move(spare_));
    spare_size_ = 0;
  } else {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    capacity_ += size;
  }
  last_size_ = size;
  next_ = blocks_.back().get();
  left_ = size;
}

void string_arena::clear() noexcept {
  if (!blocks_.empty() && last_size_ > spare_size_) {
    spare_ = std::move(blocks_.back());
    spare_size_ = last_size_;
  }
  blocks_.clear();
  last_size_ = 0;
  next_ = inline_;
  left_ = kInline;
  capacity_ = kInline + spare_size_;
}

std::shared_ptr<string_arena> make_string_arena() {
  return std::make_shared<string_arena>();
}

std::string_view save_string(string_arena& arena, std::string_view text) {
  return arena.save(text);
}

}  // namespace aptparse

// string_arena's slow path, the cache of its full-size blocks, and the
// public functions that reach it.
#include "report/string_arena.h"

#include <algorithm>
#include <mutex>
#include <utility>

namespace aptparse {
namespace {

// Doubling blocks up to 1 MiB: a transaction with thousands of packages
// makes O(log n) allocations, a typical one none past the inline block,
// and a report's arena wastes at most 1 MiB at the end of a block.
constexpr std::size_t kFullBlock = 1 << 20;

// Full-size blocks of destroyed arenas, for the next ones (see the class
// comment in string_arena.h). At most 64, what glibc itself may keep at the
// top of its heap (twice its largest mmap threshold, 32 MiB): the whole
// arena of a 20 MB history.log (packages and text).
class block_cache {
 public:
  static block_cache& instance() {
    // Never destroyed: arenas may outlive static destruction.
    static block_cache* cache = new block_cache;
    return *cache;
  }

  std::unique_ptr<char[]> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ == 0) return nullptr;
    return std::move(blocks_[--count_]);
  }

  std::size_t size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

  // Takes `b` if there is room; else it is freed when the caller drops it.
  void give(std::unique_ptr<char[]>& b) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ < kMaxBlocks) blocks_[count_++] = std::move(b);
  }

 private:
  static constexpr std::size_t kMaxBlocks = 64;
  std::mutex mutex_;
  std::unique_ptr<char[]> blocks_[kMaxBlocks];
  std::size_t count_ = 0;
};

}  // namespace

string_arena::~string_arena() {
  release(blocks_);
  if (spare_.size == kFullBlock) block_cache::instance().give(spare_.bytes);
}

std::size_t string_arena::cached_blocks() {
  return block_cache::instance().size();
}

void string_arena::release(std::vector<block>& blocks) noexcept {
  for (block& b : blocks)
    if (b.size == kFullBlock) block_cache::instance().give(b.bytes);
  blocks.clear();
}

void string_arena::grow(std::size_t need) {
  std::size_t size = std::max(need, std::min(capacity_, kFullBlock));
  block b;
  if (spare_.bytes && spare_.size >= need) {  // already in capacity_
    b = std::move(spare_);
    spare_.size = 0;
  } else {
    if (size == kFullBlock) b.bytes = block_cache::instance().take();
    if (!b.bytes) b.bytes = std::make_unique_for_overwrite<char[]>(size);
    b.size = size;
    capacity_ += size;
  }
  next_ = b.bytes.get();
  left_ = b.size;
  blocks_.push_back(std::move(b));
}

void string_arena::clear() noexcept {
  if (!blocks_.empty() && blocks_.back().size > spare_.size) {
    if (spare_.size == kFullBlock) block_cache::instance().give(spare_.bytes);
    spare_ = std::move(blocks_.back());
    blocks_.pop_back();
  }
  release(blocks_);
  next_ = inline_;
  left_ = kInline;
  capacity_ = kInline + spare_.size;
}

std::shared_ptr<string_arena> make_string_arena() {
  return std::make_shared<string_arena>();
}

std::string_view save_string(string_arena& arena, std::string_view text) {
  return arena.save(text);
}

}  // namespace aptparse

// string_arena's slow path, the cache of its full-size blocks, and the
// public functions that reach it.
#include "report/string_arena.h"

#include <algorithm>
#include <bit>
#include <mutex>
#include <utility>

namespace aptparse {
namespace {

// Doubling blocks up to 1 MiB: a transaction with thousands of packages
// makes O(log n) allocations, a typical one none past the inline block,
// and a report's arena wastes at most 1 MiB at the end of a block.
constexpr std::size_t kFullBlock = 1 << 20;

// Blocks from 128 KiB (glibc's default mmap threshold, and the fixed one
// when MALLOC_TRIM_THRESHOLD_ is set, as Dask's nannies do) to kFullBlock
// are power-of-two sizes, one class each, and cached: a smaller block
// comes from malloc's heap, where freed memory is reused anyway.
constexpr std::size_t kSmallestCached = std::size_t{128} << 10;
constexpr std::size_t kClasses =
    std::countr_zero(kFullBlock) - std::countr_zero(kSmallestCached) + 1;

// The class of a block of `size` bytes, or kClasses when it is not cached.
std::size_t size_class(std::size_t size) {
  if (size < kSmallestCached || size > kFullBlock || !std::has_single_bit(size))
    return kClasses;
  return std::countr_zero(size) - std::countr_zero(kSmallestCached);
}

// Blocks of destroyed arenas, for the next ones (see the class comment in
// string_arena.h), by size class. At most kMaxCachedBytes (64 MiB) in all,
// what glibc itself may keep at the top of its heap (twice its largest
// mmap threshold, 32 MiB): the whole arena of a 20 MB history.log
// (packages and text), or the arenas of a few hundred small logs.
class block_cache {
 public:
  static constexpr std::size_t kMaxCachedBytes = std::size_t{64} << 20;

  static block_cache& instance() {
    // Never destroyed: arenas may outlive static destruction.
    static block_cache* cache = new block_cache;
    return *cache;
  }

  // A cached block of `size` bytes, or nullptr.
  std::unique_ptr<char[]> take(std::size_t size) {
    const std::size_t c = size_class(size);
    if (c == kClasses) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    if (blocks_[c].empty()) return nullptr;
    std::unique_ptr<char[]> b = std::move(blocks_[c].back());
    blocks_[c].pop_back();
    bytes_ -= size;
    return b;
  }

  std::size_t count() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t n = 0;
    for (const auto& blocks : blocks_) n += blocks.size();
    return n;
  }

  std::size_t bytes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return bytes_;
  }

  // Takes `b` (of `size` bytes) if it is of a cached size and there is
  // room; else it is freed when the caller drops it.
  void give(std::unique_ptr<char[]>& b, std::size_t size) {
    const std::size_t c = size_class(size);
    if (c == kClasses || !b) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (bytes_ + size > kMaxCachedBytes) return;
    blocks_[c].push_back(std::move(b));  // reserved: never throws
    bytes_ += size;
  }

 private:
  block_cache() {
    // Room for as many blocks of each class as the byte limit admits.
    for (std::size_t c = 0; c < kClasses; ++c)
      blocks_[c].reserve(kMaxCachedBytes / (kSmallestCached << c));
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<char[]>> blocks_[kClasses];
  std::size_t bytes_ = 0;
};

}  // namespace

string_arena::~string_arena() {
  release(blocks_);
  block_cache::instance().give(spare_.bytes, spare_.size);
}

std::size_t string_arena::cached_blocks() {
  return block_cache::instance().count();
}

std::size_t string_arena::cached_bytes() {
  return block_cache::instance().bytes();
}

void string_arena::release(std::vector<block>& blocks) noexcept {
  for (block& b : blocks) block_cache::instance().give(b.bytes, b.size);
  blocks.clear();
}

std::size_t string_arena::block_size(std::size_t need,
                                     std::size_t capacity) noexcept {
  const std::size_t size = std::min(capacity, kFullBlock);
  // From kSmallestCached on, a size class: the power of two at or below
  // the doubling size (so growth still doubles), unless `need` is more.
  if (size < kSmallestCached) return std::max(need, size);
  return std::max(need, std::bit_floor(size));
}

void string_arena::grow(std::size_t need) {
  const std::size_t size = block_size(need, capacity_);
  block b;
  if (spare_.bytes && spare_.size >= need) {  // already in capacity_
    b = std::move(spare_);
    spare_.size = 0;
  } else {
    b.bytes = block_cache::instance().take(size);
    if (!b.bytes) b.bytes = std::make_unique_for_overwrite<char[]>(size);
    b.size = size;
    capacity_ += size;
  }
  next_ = b.bytes.get();
  left_ = b.size;
  blocks_.push_back(std::move(b));
}

void string_arena::release_blocks() noexcept {
  if (blocks_.back().size > spare_.size) {
    block_cache::instance().give(spare_.bytes, spare_.size);
    spare_ = std::move(blocks_.back());
    blocks_.pop_back();
  }
  release(blocks_);
}

std::shared_ptr<string_arena> make_string_arena() {
  return std::make_shared<string_arena>();
}

std::string_view save_string(string_arena& arena, std::string_view text) {
  return arena.save(text);
}

}  // namespace aptparse

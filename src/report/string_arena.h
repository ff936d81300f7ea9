// The arena behind transaction::strings (report.h): append-only storage
// for the text of a transaction's packages and, in a report, for the
// transactions' package arrays. Building a package in one arena instead of
// six heap strings is what lets the report keep up with the parser (see
// bench/RESULTS.md). save() is inline: the report builder calls it for
// every field of every package.
#ifndef APTPARSE_SRC_REPORT_STRING_ARENA_H_
#define APTPARSE_SRC_REPORT_STRING_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "aptparse/report.h"

namespace aptparse {

// save() and allocate() carve bytes from blocks that never move, so what
// they returned stays valid until the arena is destroyed, however much is
// saved after it. Not thread-safe; neither copyable nor movable (share it
// by pointer).
//
// Blocks double up to 1 MiB; from 128 KiB on their sizes are powers of two
// (128 KiB, 256 KiB, 512 KiB, 1 MiB). Blocks of those sizes go, when the
// arena is destroyed or cleared, to a process-wide cache that the next
// arenas draw from: a program that parses one log after another reuses
// those pages. The cache holds at most 64 MiB in all (the worst case it
// retains after every arena is gone); blocks past that are freed. Given
// back to malloc, such blocks were returned to the kernel -- by glibc's
// heap trimming (past twice its mmap threshold), or at once when they were
// mmapped: every allocation from 128 KiB on when MALLOC_TRIM_THRESHOLD_ is
// set, as Dask's nannies set it -- and faulted in again, zeroed, by the
// next report (see bench/PROFILE.md, "#16: history report in Google
// Benchmark", and bench/RESULTS.md, "Round 5: page faults in the nanny's
// workers"). The library never retunes malloc itself (no mallopt): the
// process's allocator settings are its owner's.
class string_arena {
 public:
  string_arena() = default;
  string_arena(const string_arena&) = delete;
  string_arena& operator=(const string_arena&) = delete;
  ~string_arena();

  // Returns a view of a copy of `s` owned by the arena.
  std::string_view save(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > left_) grow(s.size());
    char* at = next_;
    copy(at, s.data(), s.size());
    next_ += s.size();
    left_ -= s.size();
    return {at, s.size()};
  }

  // Returns `bytes` of uninitialised memory aligned to `align` (a power of
  // two, at most alignof(std::max_align_t)), owned by the arena.
  void* allocate(std::size_t bytes, std::size_t align) {
    std::size_t pad =
        (align - reinterpret_cast<std::uintptr_t>(next_) % align) % align;
    if (bytes + pad > left_) {
      grow(bytes + align);
      pad = (align - reinterpret_cast<std::uintptr_t>(next_) % align) % align;
    }
    char* at = next_ + pad;
    next_ = at + bytes;
    left_ -= bytes + pad;
    return at;
  }

  // Bytes held, including unused space at the ends of blocks.
  std::size_t capacity() const noexcept { return capacity_; }

  // Forgets every saved byte, keeping the largest block for reuse. Every
  // view save() returned dangles afterwards. Inline: a transaction handed
  // to a callback clears its arena, and most never left the inline block.
  void clear() noexcept {
    if (!blocks_.empty()) release_blocks();
    next_ = inline_;
    left_ = kInline;
    capacity_ = kInline + spare_.size;
  }

  // Blocks, and their bytes, waiting in the process-wide cache.
  static std::size_t cached_blocks();
  static std::size_t cached_bytes();

  // Makes room for `bytes` more without another allocation.
  void reserve(std::size_t bytes) {
    if (bytes > left_) grow(bytes);
  }

 private:
  // Copies n bytes, sizeof(T) <= n <= 2 * sizeof(T): the first and the
  // last sizeof(T), overlapping in the middle.
  template <class T>
  static void copy_ends(char* to, const char* from, std::size_t n) noexcept {
    T head, tail;
    std::memcpy(&head, from, sizeof(T));
    std::memcpy(&tail, from + n - sizeof(T), sizeof(T));
    std::memcpy(to, &head, sizeof(T));
    std::memcpy(to + n - sizeof(T), &tail, sizeof(T));
  }
  struct bytes16 {
    char bytes[16];
  };
  // memcpy for n >= 1, with the common short sizes (names, versions,
  // arches: 1-32 bytes) as two overlapping fixed-size moves inline, not a
  // libc call each (three a package).
  static void copy(char* to, const char* from, std::size_t n) noexcept {
    if (n > 16) {
      if (n > 32)
        std::memcpy(to, from, n);
      else
        copy_ends<bytes16>(to, from, n);
    } else if (n >= 8) {
      copy_ends<std::uint64_t>(to, from, n);
    } else if (n >= 4) {
      copy_ends<std::uint32_t>(to, from, n);
    } else {  // 1-3 bytes
      to[0] = from[0];
      to[n / 2] = from[n / 2];
      to[n - 1] = from[n - 1];
    }
  }

  struct block {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
  };
  void grow(std::size_t need);
  // clear()'s blocks: the last one kept as the spare if larger, the others
  // given to the cache or freed.
  void release_blocks() noexcept;
  // The size of the next block, `capacity` bytes held so far.
  static std::size_t block_size(std::size_t need,
                                std::size_t capacity) noexcept;
  // Gives the blocks of cached sizes to the cache; frees the others.
  static void release(std::vector<block>& blocks) noexcept;

  static constexpr std::size_t kInline = 448;  // most transactions fit
  char* next_ = inline_;
  std::size_t left_ = kInline;
  std::size_t capacity_ = kInline;
  std::vector<block> blocks_;
  block spare_;  // kept by clear(), used by grow()
  alignas(std::max_align_t) char inline_[kInline];
};

}  // namespace aptparse

#endif  // APTPARSE_SRC_REPORT_STRING_ARENA_H_

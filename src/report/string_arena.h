// The arena behind transaction::strings (report.h): append-only storage
// for the text of a transaction's packages. Building a package in one arena
// instead of six heap strings is what lets the report keep up with the
// parser (see bench/RESULTS.md). save() is inline: the report builder calls
// it for every field of every package.
#ifndef APTPARSE_SRC_REPORT_STRING_ARENA_H_
#define APTPARSE_SRC_REPORT_STRING_ARENA_H_

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "aptparse/report.h"

namespace aptparse {

// save() copies bytes into blocks that never move, so the views it returned
// stay valid until the arena is destroyed, however much is saved after
// them. Not thread-safe; neither copyable nor movable (share it by
// pointer).
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
    std::memcpy(at, s.data(), s.size());
    next_ += s.size();
    left_ -= s.size();
    return {at, s.size()};
  }

  // Bytes held, including unused space at the ends of blocks.
  std::size_t capacity() const noexcept { return capacity_; }

  // Forgets every saved byte, keeping the largest block for reuse. Every
  // view save() returned dangles afterwards.
  void clear() noexcept;

  // Makes room for `bytes` more without another allocation.
  void reserve(std::size_t bytes) {
    if (bytes > left_) grow(bytes);
  }

 private:
  void grow(std::size_t need);

  static constexpr std::size_t kInline = 448;  // most transactions fit
  char* next_ = inline_;
  std::size_t left_ = kInline;
  std::size_t capacity_ = kInline;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t last_size_ = 0;      // of blocks_.back()
  std::unique_ptr<char[]> spare_;  // kept by clear(), used by grow()
  std::size_t spare_size_ = 0;
  char inline_[kInline];
};

}  // namespace aptparse

#endif  // APTPARSE_SRC_REPORT_STRING_ARENA_H_

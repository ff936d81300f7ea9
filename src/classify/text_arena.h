// Characters stored once and never moved: the format table's rows hold
// string_views into an arena that the table owns, instead of a heap string
// per field per row (tens of thousands of allocations at every start).
// Not report/string_arena.h: that one is neither movable nor meant to live
// for the process (its blocks go to a cache for the next report).
#ifndef APTPARSE_SRC_CLASSIFY_TEXT_ARENA_H_
#define APTPARSE_SRC_CLASSIFY_TEXT_ARENA_H_

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace aptparse::detail {

class text_arena {
 public:
  text_arena() = default;
  // The views stay valid. The moved-from arena is empty: its free space
  // went with its chunks, so its next store() starts a chunk of its own.
  text_arena(text_arena&& o) noexcept
      : chunks_(std::move(o.chunks_)),
        next_(std::exchange(o.next_, nullptr)),
        end_(std::exchange(o.end_, nullptr)) {}
  text_arena& operator=(text_arena&& o) noexcept {
    chunks_ = std::move(o.chunks_);
    next_ = std::exchange(o.next_, nullptr);
    end_ = std::exchange(o.end_, nullptr);
    return *this;
  }

  // A copy of `s` that lives as long as the arena (or the one it is moved
  // to). An empty `s` gives an empty view of a static "".
  std::string_view store(std::string_view s) {
    if (s.empty()) return std::string_view("", 0);
    if (s.size() > static_cast<std::size_t>(end_ - next_)) grow(s.size());
    char* const at = next_;
    std::memcpy(at, s.data(), s.size());
    next_ += s.size();
    return std::string_view(at, s.size());
  }

 private:
  static constexpr std::size_t kChunk = 64 * 1024;

  void grow(std::size_t n) {
    const std::size_t size = std::max(n, kChunk);
    chunks_.emplace_back(new char[size]);
    next_ = chunks_.back().get();
    end_ = next_ + size;
  }

  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;  // the free part of the last chunk
  char* end_ = nullptr;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_TEXT_ARENA_H_

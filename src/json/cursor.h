// The JSON writer's output buffer: a cursor over this thread's scratch
// memory. Each part of a transaction asks room() for the most it can
// write (a package: a fixed room, more only for a long or escaped
// string), writes through the returned pointer without checks, and hands
// the end back with advance(). append_to() copies the whole object to the
// caller's string in one append; text() shows it without a copy.
//
// Why scratch memory and not the caller's string: growing a std::string
// zero-fills what it adds, and the room asked for is up to six times what
// is written (a string may be all \uXXXX escapes); scratch memory is never
// filled, and one copy of what was written is cheaper than a zero-fill
// of the room.
#ifndef APTPARSE_SRC_JSON_CURSOR_H_
#define APTPARSE_SRC_JSON_CURSOR_H_

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace aptparse::detail {

class json_cursor {
 public:
  json_cursor();
  json_cursor(const json_cursor&) = delete;
  json_cursor& operator=(const json_cursor&) = delete;

  // Where to write at most `n` bytes.
  [[gnu::always_inline]] char* room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - w_) < n) [[unlikely]]
      grow(n);
    return w_;
  }
  // `w` is the end of what was written since room().
  void advance(char* w) { w_ = w; }
  // advance(w), then room(n).
  [[gnu::always_inline]] char* more(char* w, std::size_t n) {
    advance(w);
    return room(n);
  }

  // Frees this thread's scratch memory if one large object grew it past
  // 1 MiB, so that memory stays bounded after it. The test is inline (the
  // cursor spans the whole scratch memory): no call for the usual object.
  ~json_cursor() {
    if (static_cast<std::size_t>(end_ - begin_) > kKeptScratch) [[unlikely]]
      release();
  }

  void append_to(std::string& out) const { out.append(text()); }
  // What was written; valid until this cursor is destroyed.
  std::string_view text() const {
    return {begin_, static_cast<std::size_t>(w_ - begin_)};
  }

 private:
  static constexpr std::size_t kKeptScratch = std::size_t{1} << 20;

  void grow(std::size_t n);
  static void release();

  char* begin_;
  char* w_;
  char* end_;
};

// Writes the literal `s` (without its '\0') at `w`; returns the end. Its
// size is known at compile time, so the copy is a few moves.
template <std::size_t N>
[[gnu::always_inline]] inline char* put(char* w, const char (&s)[N]) {
  std::memcpy(w, s, N - 1);
  return w + N - 1;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_JSON_CURSOR_H_

// Stage 1: bytes -> lines.
//
// Cuts a byte stream into lines at "\n", "\r\n" and a lone "\r" (apt and
// dpkg overwrite progress lines in place with '\r'). Lines inside a chunk
// are passed on as views into it, without a copy; only the unfinished last
// line is carried to the next feed(), capped at max_line_bytes (the excess
// is counted, not kept). Where a chunk ends in '\r', whether a '\n' follows
// is decided by the next chunk, so any chunking gives the same lines.
#ifndef APTPARSE_SRC_LINES_LINE_SPLITTER_H_
#define APTPARSE_SRC_LINES_LINE_SPLITTER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "aptparse/error.h"
#include "lines/scan.h"

namespace aptparse::detail {

// One line, without its line end.
struct raw_line {
  std::string_view text;
  position where;             // line number and offset of its first byte
  std::uint64_t dropped = 0;  // bytes cut off over max_line_bytes
  bool escape = true;         // may hold an ESC byte (false: surely not)
};

class line_splitter {
 public:
  explicit line_splitter(std::size_t max_line_bytes)
      : max_line_bytes_(max_line_bytes == 0 ? 1 : max_line_bytes) {}

  // Calls on_line(const raw_line&) for every line that `chunk` completes.
  template <class OnLine>
  void feed(std::string_view chunk, OnLine&& on_line) {
    const char* p = chunk.data();
    const char* const end = p + chunk.size();
    if (p != end && skip_lf_) {
      skip_lf_ = false;
      if (*p == '\n') {  // the '\n' of a "\r\n" split across chunks
        ++p;
        ++offset_;
        line_start_ = offset_;
      }
    }
    while (p != end) {
      const scan_result scan = scan_line(p, end);
      const char* eol = scan.end;
      if (eol == end) {
        append_carry(p, end);
        offset_ += static_cast<std::uint64_t>(end - p);
        return;
      }
      std::string_view text;
      bool escape = true;  // unknown for a carried line: the next stage checks
      if (carry_.empty() && dropped_ == 0) {
        text = cap(std::string_view(p, static_cast<std::size_t>(eol - p)));
        escape = scan.escape;
      } else {
        append_carry(p, eol);
        text = carry_;
      }
      offset_ += static_cast<std::uint64_t>(eol - p);
      // Consume the line end: "\n", "\r\n", or "\r" (maybe "\r" + next '\n').
      const char* next = eol + 1;
      ++offset_;
      if (*eol == '\r') {
        if (next == end) {
          skip_lf_ = true;
        } else if (*next == '\n') {
          ++next;
          ++offset_;
        }
      }
      emit(text, on_line, escape);
      p = next;
    }
  }

  // Emits the last line if the input did not end with a line end.
  template <class OnLine>
  void finish(OnLine&& on_line) {
    skip_lf_ = false;
    if (!carry_.empty() || dropped_ != 0)
      emit(std::string_view(carry_), on_line, true);
  }

  void reset() {
    carry_.clear();
    dropped_ = 0;
    offset_ = 0;
    line_start_ = 0;
    line_no_ = 0;
    skip_lf_ = false;
  }

 private:
  std::string_view cap(std::string_view text) {
    if (text.size() > max_line_bytes_) {
      dropped_ += text.size() - max_line_bytes_;
      text = text.substr(0, max_line_bytes_);
    }
    return text;
  }

  void append_carry(const char* p, const char* end) {
    std::size_t n = static_cast<std::size_t>(end - p);
    std::size_t room = max_line_bytes_ - carry_.size();
    if (n > room) {
      dropped_ += n - room;
      n = room;
    }
    carry_.append(p, n);
  }

  template <class OnLine>
  void emit(std::string_view text, OnLine& on_line, bool escape) {
    raw_line line{text, position{++line_no_, line_start_}, dropped_, escape};
    on_line(line);
    carry_.clear();
    dropped_ = 0;
    line_start_ = offset_;
  }

  std::size_t max_line_bytes_;
  std::string carry_;
  std::uint64_t dropped_ = 0;
  std::uint64_t offset_ = 0;      // bytes consumed so far
  std::uint64_t line_start_ = 0;  // offset of the current line
  std::uint64_t line_no_ = 0;
  bool skip_lf_ = false;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_LINE_SPLITTER_H_

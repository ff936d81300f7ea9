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
#include <type_traits>

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

// The on_run of a splitter whose on_line asks for no runs.
struct no_run {
  bool operator()(std::string_view, const position&) const { return false; }
};

class line_splitter {
 public:
  explicit line_splitter(std::size_t max_line_bytes)
      : max_line_bytes_(max_line_bytes == 0 ? 1 : max_line_bytes) {}

  // Calls on_line(const raw_line&) for every line that `chunk` completes.
  // The counters of the lines inside the chunk are kept in locals and
  // offsets computed from the chunk's start, so that nothing goes through
  // memory per line around on_line's calls.
  //
  // on_line may instead return bool: true asks for a run (below), taken by
  // on_run(std::string_view text, const position& where) -> bool. A run
  // line's text is followed in memory by its line end ('\n' or '\r'), so
  // text.data()[0] may be read when it is empty. Both are taken by value:
  // a copy's captures sit in this frame, one load a line rather than two
  // through the caller's (callbacks are small, like lambdas of a pointer).
  template <class OnLine, class OnRun = no_run>
  void feed(std::string_view chunk, OnLine on_line, OnRun on_run = {}) {
    if (chunk.empty()) return;
    const char* const begin = chunk.data();
    const char* const end = begin + chunk.size();
    const std::uint64_t base = offset_;  // the input offset of *begin
    offset_ += chunk.size();
    // Per chunk, not per line: a line at p starts at input offset
    // to_offset + address(p) (64-bit wrap-around is exact), and the cap is read
    // once (on_line's calls could change members, as far as the compiler
    // knows).
    const std::uint64_t to_offset = base - address(begin);
    const std::size_t cap = max_line_bytes_;
    const char* p = begin;
    if (p != end && skip_lf_) {
      skip_lf_ = false;
      if (*p == '\n') ++p;  // the '\n' of a "\r\n" split across chunks
    }
    line_end_scanner scanner(p, end);
    std::uint64_t line_no = line_no_;
    if (!carry_.empty() || dropped_ != 0) {  // a line begun in an earlier chunk
      const scan_result scan = scanner.next(p);
      append_carry(p, scan.end);
      if (scan.end == end) return;
      p = scan.next;
      emit_carry(++line_no, on_line);
    }
    // A line inside the chunk is shorter than what is left of it: when that
    // is no longer than the cap, as with any chunk under 1 MiB, no line is
    // cut, and the loop without the cap test runs.
    if (static_cast<std::size_t>(end - p) > cap) [[unlikely]]
      p = lines<true>(scanner, p, end, to_offset, line_no, on_line, on_run);
    else
      p = lines<false>(scanner, p, end, to_offset, line_no, on_line, on_run);
    line_no_ = line_no;
    if (p != end) {
      line_start_ = base + static_cast<std::uint64_t>(p - begin);
      append_carry(p, end);
    } else if (end[-1] == '\r') {
      skip_lf_ = true;  // the chunk's last line end: '\n' may open the next
    }
  }

  // Emits the last line if the input did not end with a line end.
  template <class OnLine>
  void finish(OnLine&& on_line) {
    skip_lf_ = false;
    if (carry_.empty() && dropped_ == 0) return;
    emit_carry(++line_no_, on_line);
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
  // The lines that the chunk completes from p, up to its last line end;
  // returns where the unfinished line starts (or end). kCut: a line may be
  // longer than the cap. Inline: the counters stay in feed's registers.
  template <bool kCut, class OnLine, class OnRun>
  [[gnu::always_inline]] const char* lines(line_end_scanner& scanner,
                                           const char* p, const char* end,
                                           std::uint64_t to_offset,
                                           std::uint64_t& line_no,
                                           OnLine& on_line, OnRun& on_run) {
    [[maybe_unused]] const std::size_t cap = max_line_bytes_;
    while (p != end) {
      scan_result scan = scanner.next(p);
      if (scan.end == end) break;
      for (;;) {  // the line at p, ending at scan.end
        std::string_view text(p, static_cast<std::size_t>(scan.end - p));
        std::uint64_t dropped = 0;
        if (kCut && text.size() > cap) [[unlikely]] {
          dropped = text.size() - cap;
          text = text.substr(0, cap);
        }
        const std::uint64_t start = to_offset + address(p);
        p = scan.next;
        const raw_line line{text, position{++line_no, start}, dropped,
                            scan.escape};
        if constexpr (std::is_void_v<decltype(on_line(line))>) {
          on_line(line);
          break;
        } else {
          if (!on_line(line)) break;
          // A run: on_run(text, where) takes the lines that follow, in one
          // loop, until it declines one (which then goes to on_line, not
          // scanned again) or the chunk's complete lines end. It sees only
          // lines under the cap and free of ESC bytes.
          bool declined = false;
          while (p != end) {
            scan = scanner.next(p);
            if (scan.end == end) break;
            const std::string_view next(p,
                                        static_cast<std::size_t>(scan.end - p));
            if (scan.escape || (kCut && next.size() > cap) ||
                !on_run(next, position{line_no + 1, to_offset + address(p)})) {
              declined = true;
              break;
            }
            ++line_no;
            p = scan.next;
          }
          if (!declined) break;
        }
      }
    }
    return p;
  }

  // The line carried over from earlier chunks, now ended, as line
  // `line_no`. Whether it holds an ESC byte is unknown (raw_line's
  // default): the next stage checks.
  template <class OnLine>
  void emit_carry(std::uint64_t line_no, OnLine& on_line) {
    on_line(raw_line{carry_, position{line_no, line_start_}, dropped_});
    carry_.clear();
    dropped_ = 0;
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

  static std::uint64_t address(const char* p) noexcept {
    return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(p));
  }

  std::size_t max_line_bytes_;
  std::string carry_;
  std::uint64_t dropped_ = 0;
  std::uint64_t offset_ = 0;      // bytes fed so far
  std::uint64_t line_start_ = 0;  // offset of the carried line
  std::uint64_t line_no_ = 0;
  bool skip_lf_ = false;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_LINE_SPLITTER_H_

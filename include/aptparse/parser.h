// The streaming parser.
//
//   my_sink sink;                       // an event_sink
//   aptparse::parser p(sink);
//   while (read some bytes into chunk)
//     if (auto st = p.feed(chunk); !st.ok()) { ... }
//   if (auto st = p.finish(); !st.ok()) { ... }
//
// feed() accepts chunks of any size, cut anywhere (inside a line, inside a
// UTF-8 sequence, between '\r' and '\n'); the events are exactly those of
// feeding the whole input at once. The parser buffers only the unfinished
// last line, capped by options::max_line_bytes, so its memory is bounded
// whatever the input size.
//
// Line ends are "\n", "\r\n" and a lone "\r" (a progress line overwritten in
// place); ANSI escape sequences (colour, cursor moves) are removed before a
// line is classified. Invalid UTF-8 and NUL bytes are carried through as
// they are.
//
// Thread safety: a parser is not safe for concurrent use; use one parser per
// thread. Different parsers may run in parallel (the format tables they share
// are immutable).
#ifndef APTPARSE_PARSER_H_
#define APTPARSE_PARSER_H_

#include <memory>
#include <string_view>

#include "aptparse/error.h"
#include "aptparse/events.h"
#include "aptparse/export.h"
#include "aptparse/options.h"
#include "aptparse/stats.h"

namespace aptparse {

namespace detail {
class parser_impl;
}

class APTPARSE_EXPORT parser {
 public:
  // REQUIRES: `sink` outlives the parser.
  explicit parser(event_sink& sink, const options& opts = {});
  ~parser();

  // Not copyable: it holds the sink by reference and owns line buffers.
  // Movable.
  parser(const parser&) = delete;
  parser& operator=(const parser&) = delete;
  parser(parser&&) noexcept;
  parser& operator=(parser&&) noexcept;

  // Parses `chunk`, emitting events for every line it completes. Returns
  // the sticky status (see error.h); input problems are diagnostics, not
  // errors, unless options::strict.
  status feed(std::string_view chunk) noexcept;

  // Ends the input: parses the last line if it had no line end, ends the
  // open transaction and returns the sticky status. After finish(), feed()
  // and finish() return errc::used_after_finish until reset().
  status finish() noexcept;

  // Forgets all input and state, keeping the sink and options.
  void reset() noexcept;

  const parse_stats& stats() const noexcept;
  const options& opts() const noexcept;

 private:
  std::unique_ptr<detail::parser_impl> impl_;
};

}  // namespace aptparse

#endif  // APTPARSE_PARSER_H_

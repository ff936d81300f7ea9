// JSON string literals for the writer (json_writer.cpp): bytes that are
// not valid UTF-8 become \udcXX escapes, the "surrogateescape" mapping
// (see aptparse/json.h).
#ifndef APTPARSE_SRC_JSON_ESCAPE_H_
#define APTPARSE_SRC_JSON_ESCAPE_H_

#include <cstddef>
#include <string_view>

namespace aptparse::detail {

// Room a JSON string literal of `n` bytes may need: every byte can become a
// six-byte \uXXXX escape; 16 more for the block copy's overshoot.
constexpr std::size_t string_room(std::size_t n) { return 6 * n + 2 + 16; }

// Writes `s` as a JSON string literal (quotes included) at `w`, which has
// string_room(s.size()) bytes; returns the end.
char* put_string(char* w, std::string_view s);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_JSON_ESCAPE_H_

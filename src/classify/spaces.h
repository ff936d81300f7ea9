// White space as copy and paste leaves it: web pages and editors turn
// U+00A0 and U+202F (which French puts before ':' and inside « ») into plain
// spaces or back, "…" into "..." or back, and spaces into tabs. Lines and
// table rows are compared in a normal form in which every run of spaces
// (U+0020, tab, U+00A0, U+2000-U+200A, U+202F, U+205F, U+3000) is one
// U+0020, "…" is "...", and there is no space at either end.
#ifndef APTPARSE_SRC_CLASSIFY_SPACES_H_
#define APTPARSE_SRC_CLASSIFY_SPACES_H_

#include <string>
#include <string_view>

namespace aptparse::detail {

// Returns true if `s` differs from its normal form in more than its ends:
// it has a tab, two spaces in a row, another space character or "…".
// Cheap; lines for which it is false need no normalising. Under SSE2 it
// tests 16 bytes at a time for a tab, two spaces in a row or a lead byte
// of a non-ASCII space or "…" (0xc2, 0xe2, 0xe3), and looks only at those
// lead bytes one by one.
bool may_need_spaces_normalised(std::string_view s) noexcept;

// The definition, a byte at a time: the reference the tests hold
// may_need_spaces_normalised to.
bool may_need_spaces_normalised_bytewise(std::string_view s) noexcept;

// Writes the normal form of `s` to `out` (replacing its contents). Under
// SSE2 the text between bytes that may start a space or "…" is copied 16
// bytes at a time.
void normalise_spaces(std::string_view s, std::string& out);

// The definition, a byte at a time: the reference the tests hold
// normalise_spaces to.
void normalise_spaces_bytewise(std::string_view s, std::string& out);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_SPACES_H_

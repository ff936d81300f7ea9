// Errors and diagnostics.
//
// aptparse never throws from its core. Every problem is a value:
//
//   * A `status` is what parser::feed() and parser::finish() return. It is
//     `ok` unless the caller misused the parser (feeding after finish) or
//     options::strict made an input diagnostic fatal; then the parse stops
//     at the line that caused it (see options.h). A failed status is
//     sticky: every later call returns it until parser::reset().
//
//   * A `diagnostic` is a problem in the *input* that the parser handled and
//     kept going: a line over the length cap, a list over the package cap,
//     an unrecognised line inside a package list. Diagnostics reach the sink
//     through event_sink::on_diagnostic(); they stop the parse only under
//     options::strict.
//
// Both carry the error code, the 1-based line number and the 0-based byte
// offset of the line in the whole input.
//
// Error numbers are stable: a code keeps its number forever and new codes get
// new numbers, so they can be stored and compared across versions.
#ifndef APTPARSE_ERROR_H_
#define APTPARSE_ERROR_H_

#include <cstdint>
#include <string_view>

#include "aptparse/export.h"

namespace aptparse {

// X(name, number, message)
#define APTPARSE_ERRC_MAP(X)                                                  \
  X(ok, 0, "success")                                                         \
  X(line_too_long, 1,                                                         \
    "line longer than options::max_line_bytes; it was cut to that length "    \
    "and the excess bytes were dropped")                                      \
  X(too_many_packages, 2,                                                     \
    "package list longer than options::max_packages_per_list; the rest of "   \
    "the list was counted but not kept")                                      \
  X(too_many_transactions, 3,                                                 \
    "more transactions than options::max_transactions; later ones were "      \
    "counted but not kept")                                                   \
  X(unknown_line_in_list, 4,                                                  \
    "a line inside a package list was neither a package item nor the end of " \
    "the list")                                                               \
  X(truncated_transaction, 5,                                                 \
    "the input ended inside a package list or before apt's summary line")     \
  X(used_after_finish, 6,                                                     \
    "feed() or finish() was called after finish(); call reset() first")       \
  X(strict_violation, 7, "options::strict made an input diagnostic fatal")    \
  X(unknown_translation, 9,                                                   \
    "a line in no table has the shape of apt's summary line (taken as it) "   \
    "or of a list header followed by package names (its list is in no set)")  \
  X(unterminated_record, 10,                                                  \
    "a record of apt's logs has no end (no End-Date: or Log ended:): the "    \
    "input was cut, or apt was killed")                                       \
  X(unparsable_time, 11,                                                      \
    "a time in apt's logs is not a valid \"YYYY-MM-DD HH:MM:SS\"")            \
  X(unknown_timezone, 12,                                                     \
    "options::timezone names no zone this system knows; times stay naive")    \
  X(foreign_log_line, 13,                                                     \
    "a line inside a dpkg.log run is none of dpkg's: another program's "      \
    "line, or one cut off")
// Number 8 (io_error, never produced: the library reads no files) is
// retired and not reused.

// The error codes. `ok` is 0, and only `ok` is false in a boolean context
// through status::ok().
enum class errc : std::uint8_t {
#define APTPARSE_ERRC_ENUM(name, number, message) name = number,
  APTPARSE_ERRC_MAP(APTPARSE_ERRC_ENUM)
#undef APTPARSE_ERRC_ENUM
};

// Returns the identifier of `code`, e.g. "line_too_long". Never null.
APTPARSE_EXPORT std::string_view error_name(errc code) noexcept;

// Returns a one-sentence English explanation of `code`. Never null.
APTPARSE_EXPORT std::string_view error_message(errc code) noexcept;

// Where in the input something happened.
struct position {
  // 1-based line number; a line ends at "\n", "\r\n" or a lone "\r"
  // (see parser.h).
  std::uint64_t line = 0;
  std::uint64_t offset = 0;  // 0-based byte offset of the start of that line
  friend bool operator==(const position&, const position&) = default;
};

// The result of parser::feed() and parser::finish().
struct [[nodiscard]] status {
  errc code = errc::ok;
  position where;

  // Returns true iff nothing went wrong.
  constexpr bool ok() const noexcept { return code == errc::ok; }
  friend bool operator==(const status&, const status&) = default;
};

// A problem in the input that the parser handled. See the file comment.
struct diagnostic {
  errc code = errc::ok;
  position where;
  // How many bytes (line_too_long), package mentions (too_many_packages)
  // or transactions (too_many_transactions) were dropped.
  std::uint64_t dropped = 0;
  friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

}  // namespace aptparse

#endif  // APTPARSE_ERROR_H_

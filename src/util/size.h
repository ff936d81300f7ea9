// apt's sizes ("2,481 k", "19,7 G", "1 526 k") to bytes.
#ifndef APTPARSE_SRC_UTIL_SIZE_H_
#define APTPARSE_SRC_UTIL_SIZE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace aptparse::detail {

// Parses the number and unit prefix that apt's SizeToStr() prints before the
// "B" of "%sB": "%'.1f %c" below 100 and "%'.0f %c" above, with units
// '' k M G T P E (powers of 1000), in the locale's number format. The
// grouping and decimal marks can be any of , . ' and (no-break) spaces: a
// mark followed by exactly one final digit is the decimal point, since apt
// never prints more than one decimal. Returns nullopt if `text` holds no
// number.
std::optional<std::uint64_t> parse_size(std::string_view text) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_UTIL_SIZE_H_

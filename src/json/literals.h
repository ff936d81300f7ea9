// Texts of the JSON writer (json_writer.cpp) made from the maps at compile
// time, so that a run of keys the usual transaction writes is one copy and
// a set or size added to its map changes them too.
#ifndef APTPARSE_SRC_JSON_LITERALS_H_
#define APTPARSE_SRC_JSON_LITERALS_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "aptparse/events.h"
#include "aptparse/report.h"

namespace aptparse::detail {

// Every set's key with an empty array, `,"name":[]`, one after another in
// the map's order: the keys of a run of empty sets are one copy of their
// part of this text (a transaction fills few of the 17 sets).
inline constexpr char kEmptySets[] =
#define APTPARSE_SET_TEXT(name) ",\"" #name "\":[]"
    APTPARSE_PKG_SET_MAP(APTPARSE_SET_TEXT);
#undef APTPARSE_SET_TEXT

// Where each set's key starts in kEmptySets; the last is its size.
inline constexpr auto kSetAt = [] {
  std::array<std::uint16_t, pkg_set_count + 1> at{};
  std::size_t i = 0;
  std::size_t offset = 0;
#define APTPARSE_SET_AT(name)                   \
  at[i++] = static_cast<std::uint16_t>(offset); \
  offset += sizeof(",\"" #name "\":[]") - 1;
  APTPARSE_PKG_SET_MAP(APTPARSE_SET_AT)
#undef APTPARSE_SET_AT
  at[i] = static_cast<std::uint16_t>(offset);
  return at;
}();
static_assert(kSetAt[pkg_set_count] == sizeof kEmptySets - 1);

// "sizes" when apt printed none: the end of "consistency" and every size
// null, in the map's order, made from the map at compile time.
inline constexpr char kNullSizeKeys[] =
#define APTPARSE_NULL_SIZE(type, name) ",\"" #name "\":null"
    APTPARSE_SIZE_MAP(APTPARSE_NULL_SIZE);
#undef APTPARSE_NULL_SIZE
inline constexpr char kSizesOpen[] = "},\"sizes\":{";
inline constexpr auto kNullSizes = [] {
  // kSizesOpen, the keys without their first ',', and '}'.
  std::array<char, sizeof kSizesOpen - 1 + sizeof kNullSizeKeys - 2 + 1> a{};
  std::size_t i = 0;
  for (std::size_t k = 0; k + 1 < sizeof kSizesOpen; ++k)
    a[i++] = kSizesOpen[k];
  for (std::size_t k = 1; k + 1 < sizeof kNullSizeKeys; ++k)
    a[i++] = kNullSizeKeys[k];
  a[i] = '}';
  return a;
}();

// The end of the object when the transaction has no message, unrecognised
// line or diagnostic (append_tail's usual case).
inline constexpr char kUsualTail[] =
    ",\"messages\":[],\"unrecognized_count\":0,\"unrecognized\":[],"
    "\"diagnostics\":[]}";

// Everything from "counts" on when apt printed no counts, and so no
// consistency to check (verdict no_counts, the name verdict_name() gives),
// no size and nothing for the tail: history.log's records and -qq output.
// One copy.
inline constexpr char kNoCounts[] =
    ",\"counts\":null,\"consistency\":{\"verdict\":\"no_counts\","
    "\"mismatches\":[],\"unverifiable\":[]";
inline constexpr auto kBareRest = [] {
  std::array<char,
             sizeof kNoCounts - 1 + kNullSizes.size() + sizeof kUsualTail - 1>
      a{};
  std::size_t i = 0;
  for (std::size_t k = 0; k + 1 < sizeof kNoCounts; ++k) a[i++] = kNoCounts[k];
  for (char c : kNullSizes) a[i++] = c;
  for (std::size_t k = 0; k + 1 < sizeof kUsualTail; ++k)
    a[i++] = kUsualTail[k];
  return a;
}();

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_JSON_LITERALS_H_

// The cache of short strs behind cached_text() (convert.h), with its hit
// path inline: a lazy Package's text field (lazy_package.cpp) is one hit,
// and the call through cached_text's py::object cost as much as the hit.
//
// Names, arches, versions and origins repeat across the packages of a log;
// a hit costs a hash and a compare in words instead of a decode and an
// allocation. Bounded (kWays * kSets strs of at most kMaxLen bytes), it
// lives as long as the process; the GIL guards it. Only ASCII strs are
// kept (the fields are ASCII but for rare origins): their data are the
// bytes they were made of, so an entry is the str and the hash, 16 bytes,
// and a hit reads only the str it returns. A string may be in any of the
// kWays entries of its set, one cache line: direct-mapped, the 3,130 names
// of 100 MB of dense plans missed 12% of the time, evicting each other.
#ifndef APTPARSE_PY_STR_CACHE_H_
#define APTPARSE_PY_STR_CACHE_H_

#include <Python.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/text.h"

namespace aptparse_py::str_cache {

inline constexpr int kSetBits = 12;
inline constexpr std::size_t kWays = 4;
inline constexpr std::size_t kMaxLen = 47;

struct entry {
  std::uint64_t hash;
  PyObject* str;  // a strong reference; null when free
};
struct alignas(64) way_set {
  entry e[kWays];
};
extern std::array<way_set, std::size_t{1} << kSetBits> sets;  // text.cpp

// A cheap hash of the first and last 8 bytes (of the bytes there are) and
// the length: a collision only costs a decode, and names that share a
// start (lib...) differ at the end or in length. Read in whole words (s is
// 0 to kMaxLen bytes): a copy of min(size, 8) bytes was a loop.
inline std::uint64_t hash(std::string_view s) noexcept {
  namespace swar = aptparse::detail::swar;
  const std::size_t n = s.size();
  const std::uint64_t head = n >= 8 ? swar::load(s.data()) : 0;
  return (head * 0x9E3779B97F4A7C15ull) ^
         (swar::tail(s.data(), n) + n) * 0xC2B2AE3D27D4EB4Full;
}

// `str` (a compact ASCII str, as every cached one) has the bytes `s`:
// compared in words that may overlap, not by a call of memcmp, which cost
// as much again as the rest of a hit.
inline bool equal(PyObject* str, std::string_view s) noexcept {
  namespace swar = aptparse::detail::swar;
  const std::size_t n = s.size();
  auto* ascii = reinterpret_cast<PyASCIIObject*>(str);
  if (ascii->length != static_cast<Py_ssize_t>(n)) return false;
  const char* a = reinterpret_cast<const char*>(ascii + 1);  // its data
  const char* b = s.data();
  for (std::size_t i = 0; i + 8 < n; i += 8)
    if (swar::load(a + i) != swar::load(b + i)) return false;
  return swar::tail(a, n) == swar::tail(b, n);
}

// The str of `s` when it is not in its set (or is too long to be kept):
// decoded, and kept first in its set when ASCII (the set's last goes).
PyObject* miss(std::string_view s, std::uint64_t h) noexcept;

// The str of `s` (UTF-8, invalid bytes as surrogates): a new reference,
// or null with an exception set.
inline PyObject* get(std::string_view s) noexcept {
  if (s.size() > kMaxLen) return miss(s, 0);
  const std::uint64_t h = hash(s);
  const entry* set = sets[h >> (64 - kSetBits)].e;  // the best-mixed bits
  for (std::size_t i = 0; i < kWays; ++i)
    if (set[i].hash == h && set[i].str != nullptr && equal(set[i].str, s))
      return Py_NewRef(set[i].str);
  return miss(s, h);
}

}  // namespace aptparse_py::str_cache

#endif  // APTPARSE_PY_STR_CACHE_H_

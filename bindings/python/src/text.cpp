// Python strs of the log's bytes: text() decodes, cached_text() reuses the
// strs of short strings that repeat (names, arches, versions).
#include "util/text.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "convert.h"

namespace aptparse_py {

namespace swar = aptparse::detail::swar;

py::object text(std::string_view s) {
  PyObject* r = PyUnicode_DecodeUTF8(
      s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
  if (!r) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(r);
}

namespace {

// The str of a package's field, through a cache: names, arches, versions
// and origins repeat across the packages of a log, and a hit costs a hash
// and a memcmp instead of a decode and an allocation. Bounded (kWays *
// kSets strs of at most kMaxLen bytes), it lives as long as the module;
// the GIL guards it. Only ASCII strs are kept (the fields are ASCII but
// for rare origins): their data are the bytes they were made of, so an
// entry is the str and the hash, 16 bytes, and a hit reads only the str it
// returns. A string may be in any of the kWays entries of its set, one
// cache line: direct-mapped, the 3,130 names of 100 MB of dense plans
// missed 12% of the time, evicting each other.
class str_cache {
 public:
  py::object get(std::string_view s) {
    if (s.empty()) return empty_;
    if (s.size() > kMaxLen) return text(s);
    const std::uint64_t h = hash(s);
    entry* set = sets_[h >> (64 - kSetBits)].e;  // the best-mixed bits
    for (std::size_t i = 0; i < kWays; ++i)
      if (set[i].hash == h && set[i].str != nullptr && equal(set[i].str, s))
        return py::reinterpret_borrow<py::object>(set[i].str);
    py::object r = text(s);
    if (PyUnicode_IS_ASCII(r.ptr())) {  // first in its set; the last goes
      Py_XDECREF(set[kWays - 1].str);
      std::memmove(set + 1, set, sizeof(entry) * (kWays - 1));
      set[0] = {h, r.inc_ref().ptr()};
    }
    return r;
  }

 private:
  // A cheap hash of the first and last 8 bytes (of the bytes there are)
  // and the length: a collision only costs a decode, and names that share
  // a start (lib...) differ at the end or in length. Read in whole words
  // (s is 1 to kMaxLen bytes): a copy of min(size, 8) bytes was a loop.
  static std::uint64_t hash(std::string_view s) {
    const std::size_t n = s.size();
    const std::uint64_t head = n >= 8 ? swar::load(s.data()) : 0;
    return (head * 0x9E3779B97F4A7C15ull) ^
           (swar::tail(s.data(), n) + n) * 0xC2B2AE3D27D4EB4Full;
  }

  // `str` (ASCII) has the bytes `s`: compared in words that may overlap
  // (s is 1 to kMaxLen bytes), not by a call of memcmp, which cost as much
  // again as the rest of a hit.
  static bool equal(PyObject* str, std::string_view s) {
    const std::size_t n = s.size();
    if (PyUnicode_GET_LENGTH(str) != static_cast<Py_ssize_t>(n)) return false;
    const char* a = static_cast<const char*>(PyUnicode_DATA(str));
    const char* b = s.data();
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (swar::load(a + i) != swar::load(b + i)) return false;
    return swar::tail(a, n) == swar::tail(b, n);
  }

  static constexpr int kSetBits = 12;
  static constexpr std::size_t kWays = 4;
  static constexpr std::size_t kMaxLen = 47;
  struct entry {
    std::uint64_t hash = 0;
    PyObject* str = nullptr;
  };
  struct alignas(64) set {
    entry e[kWays];
  };
  std::array<set, std::size_t{1} << kSetBits> sets_{};
  py::object empty_ = text("");
};

}  // namespace

py::object cached_text(std::string_view s) {
  static str_cache* cache = new str_cache();  // leaked: lives until exit
  return cache->get(s);
}

}  // namespace aptparse_py

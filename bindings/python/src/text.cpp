// Python strs of the log's bytes: text() decodes, cached_text() reuses the
// strs of short strings that repeat (names, arches, versions).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "convert.h"

namespace aptparse_py {

py::object text(std::string_view s) {
  PyObject* r = PyUnicode_DecodeUTF8(
      s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
  if (!r) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(r);
}

namespace {

// The str of a package's field, through a cache: names, arches, versions
// and origins repeat across the packages of a log, and a hit costs a hash
// and a memcmp instead of a decode and an allocation. Direct-mapped and
// bounded (kSlots strings of at most kMaxLen bytes, about 460 KB and the
// strs: the names and versions of a large plan fit), it lives as long as
// the module; the GIL guards it.
class str_cache {
 public:
  py::object get(std::string_view s) {
    if (s.empty()) return empty_;
    if (s.size() > kMaxLen) return text(s);
    slot& e = slots_[slot_of(s)];
    if (e.str != nullptr && e.len == s.size() &&
        std::memcmp(e.bytes, s.data(), s.size()) == 0)
      return py::reinterpret_borrow<py::object>(e.str);
    py::object r = text(s);
    Py_XSETREF(e.str, r.inc_ref().ptr());
    e.len = static_cast<std::uint8_t>(s.size());
    std::memcpy(e.bytes, s.data(), s.size());
    return r;
  }

 private:
  // A cheap hash of the first and last 8 bytes (of the bytes there are)
  // and the length: a collision only costs a decode, and names that share
  // a start (lib...) differ at the end or in length.
  static std::size_t slot_of(std::string_view s) {
    std::uint64_t head = 0, tail = 0;
    const std::size_t n = std::min<std::size_t>(s.size(), 8);
    std::memcpy(&head, s.data(), n);
    std::memcpy(&tail, s.data() + s.size() - n, n);
    const std::uint64_t h = (head * 0x9E3779B97F4A7C15ull) ^
                            (tail + s.size()) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<std::size_t>(h >> 32) & (kSlots - 1);
  }

  static constexpr std::size_t kSlots = 8192;  // a power of two
  static constexpr std::size_t kMaxLen = 47;
  struct slot {
    PyObject* str = nullptr;
    std::uint8_t len = 0;
    char bytes[kMaxLen];
  };
  std::array<slot, kSlots> slots_{};
  py::object empty_ = text("");
};

}  // namespace

py::object cached_text(std::string_view s) {
  static str_cache* cache = new str_cache();  // leaked: lives until exit
  return cache->get(s);
}

}  // namespace aptparse_py

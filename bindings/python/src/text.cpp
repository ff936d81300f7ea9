// Python strs of the log's bytes: text() decodes, cached_text() reuses the
// strs of short strings that repeat (names, arches, versions; str_cache.h).
#include <cstring>
#include <string_view>

#include "convert.h"
#include "str_cache.h"

namespace aptparse_py {

namespace {

PyObject* decode(std::string_view s) noexcept {
  return PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()),
                              "surrogateescape");
}

}  // namespace

py::object text(std::string_view s) {
  PyObject* r = decode(s);
  if (!r) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(r);
}

namespace str_cache {

std::array<way_set, std::size_t{1} << kSetBits> sets{};

PyObject* miss(std::string_view s, std::uint64_t h) noexcept {
  PyObject* r = decode(s);
  if (r == nullptr || s.size() > kMaxLen || !PyUnicode_IS_COMPACT_ASCII(r))
    return r;
  entry* set = sets[h >> (64 - kSetBits)].e;
  Py_XDECREF(set[kWays - 1].str);
  std::memmove(set + 1, set, sizeof(entry) * (kWays - 1));
  set[0] = {h, Py_NewRef(r)};
  return r;
}

}  // namespace str_cache

py::object cached_text(std::string_view s) {
  PyObject* r = str_cache::get(s);
  if (!r) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(r);
}

}  // namespace aptparse_py

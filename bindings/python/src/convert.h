// Conversions between the C++ results and the Python objects of aptparse
// (C++ -> Python in convert.cpp, Python -> C++ in from_py.cpp, strs in
// text.cpp). The classes are registered in result_types.cpp.
//
// Every function here needs the GIL.
#ifndef APTPARSE_PY_CONVERT_H_
#define APTPARSE_PY_CONVERT_H_

#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aptparse/aptparse.h"
#include "result_types.h"

namespace aptparse_py {

namespace py = pybind11;

using transaction_vector = std::vector<aptparse::transaction>;

// C++ -> Python.
// Transaction i of `ts`; its package sets are Packages over ts's vectors
// (lazy_packages.h), which share the ownership of `ts`.
py::object to_py(const std::shared_ptr<const transaction_vector>& ts,
                 std::size_t i);
// Field i of a Package of `p`, i < package_field_count, in the order of
// APTPARSE_PY_PACKAGE_FIELDS (package_fields.h): a new reference, or null
// with an exception set (for CPython's slots, which must not throw).
PyObject* package_field(const aptparse::package& p, std::size_t i) noexcept;
inline constexpr std::size_t package_field_count = 18;
py::object to_py(const aptparse::parse_stats& s);
py::object status_to_py(const aptparse::status& s);  // None when ok
py::list transactions_to_py(transaction_vector&& ts);
// A Report whose transactions are a LazyTransactions sequence over
// r->transactions: each becomes a Python Transaction on first access.
py::object report_to_py(std::shared_ptr<const aptparse::report> r);
// A str from the bytes of the log: UTF-8, invalid bytes as surrogates.
py::object text(std::string_view s);
// text(s) through a cache of short strs (names, arches, versions repeat).
py::object cached_text(std::string_view s);

// Python -> C++ (used by to_json: the C++ writer makes the JSON).
aptparse::transaction transaction_from_py(py::handle t);
// The bytes of a str (UTF-8, surrogateescape) or of a bytes-like object.
std::string bytes_from_py(py::handle o, const char* what);

// The bytes of a parse() / feed() argument, without copying a bytes-like
// object: str is encoded (ASCII str is used in place), any other object
// must export a contiguous buffer. Holds the buffer until destroyed, so the
// GIL may be released while view() is in use.
class input_bytes {
 public:
  input_bytes(py::handle obj, const char* what);
  ~input_bytes();
  input_bytes(const input_bytes&) = delete;
  input_bytes& operator=(const input_bytes&) = delete;
  std::string_view view() const { return view_; }

 private:
  py::object keep_;
  Py_buffer buffer_{};
  bool has_buffer_ = false;
  std::string_view view_;
};

// The aptparse::options of the keyword arguments of `caller` (parse(),
// Parser()): each must be an option (options.cpp lists them), of its type
// and range, else TypeError / ValueError as Python's own calls raise.
aptparse::options options_from_py(const py::kwargs& kwargs, const char* caller);
// Every option by name, with its value in `o`.
py::dict options_to_py(const aptparse::options& o);

}  // namespace aptparse_py

#endif  // APTPARSE_PY_CONVERT_H_

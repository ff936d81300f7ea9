// The parser options as Python passes them: keyword arguments of parse()
// and Parser(), checked here, once, against one table.
#include <limits>
#include <string>

#include "convert.h"

namespace aptparse_py {
namespace {

// The numeric fields of aptparse::options (options.h) by their Python name,
// with the least value each takes. `strict` is the one flag.
struct size_option {
  const char* name;
  std::size_t aptparse::options::*field;
  std::size_t least;
};
constexpr size_option kSizeOptions[] = {
    {"max_line_bytes", &aptparse::options::max_line_bytes, 1},
    {"max_packages_per_list", &aptparse::options::max_packages_per_list, 0},
    {"max_transactions", &aptparse::options::max_transactions, 0},
    {"max_unrecognized_kept", &aptparse::options::max_unrecognized_kept, 0},
};
constexpr const char* kStrict = "strict";

std::string type_name(py::handle v) {
  return py::str(py::type::handle_of(v).attr("__name__"));
}

std::size_t size_value(const size_option& o, py::handle v) {
  // bool is an int in Python, but strict=1 or max_line_bytes=True is a slip.
  if (!PyLong_Check(v.ptr()) || PyBool_Check(v.ptr()))
    throw py::type_error(std::string(o.name) + " must be an int, not " +
                         type_name(v));
  // Compared as Python ints, so a negative or huge value is reported as
  // given rather than as a failed conversion.
  const auto most = std::numeric_limits<std::size_t>::max();
  if (v < py::int_(o.least) || v > py::int_(most))
    throw py::value_error(
        std::string(o.name) + " must be from " + std::to_string(o.least) +
        " to " + std::to_string(most) + ", not " + std::string(py::str(v)));
  return v.cast<std::size_t>();
}

}  // namespace

aptparse::options options_from_py(const py::kwargs& kwargs,
                                  const char* caller) {
  aptparse::options o;
  std::size_t used = 0;
  for (const size_option& s : kSizeOptions)
    if (kwargs.contains(s.name)) {
      o.*s.field = size_value(s, kwargs[s.name]);
      ++used;
    }
  if (kwargs.contains(kStrict)) {
    py::handle v = kwargs[kStrict];
    if (!PyBool_Check(v.ptr()))
      throw py::type_error(std::string(kStrict) + " must be a bool, not " +
                           type_name(v));
    o.strict = v.cast<bool>();
    ++used;
  }
  if (used != kwargs.size()) {
    const py::dict known = options_to_py(o);
    for (auto item : kwargs)
      if (!known.contains(item.first))
        throw py::type_error(std::string(caller) +
                             "() got an unexpected keyword argument '" +
                             std::string(py::str(item.first)) + "'");
  }
  return o;
}

py::dict options_to_py(const aptparse::options& o) {
  py::dict d;
  for (const size_option& s : kSizeOptions) d[s.name] = o.*s.field;
  d[kStrict] = o.strict;
  return d;
}

}  // namespace aptparse_py

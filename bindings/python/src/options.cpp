// The parser options as Python passes them: keyword arguments of parse()
// and Parser(), checked here, once, against one table.
#include <pybind11/stl.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

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
// Options whose Python values the package turns into the C++ ones: tz (a
// name, zoneinfo.ZoneInfo or datetime.timezone: _zone.py) is
// options::timezone; apt_runs (a Report or (start, end) pairs: _runs.py)
// is options::apt_runs. Their default, None, is the empty C++ value.
constexpr const char* kTz = "tz";
constexpr const char* kAptRuns = "apt_runs";

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

std::string timezone_value(py::handle v) {
  auto name = py::module_::import("aptparse._zone")
                  .attr("_zone_name")(v)
                  .cast<std::string>();
  if (!name.empty() && !aptparse::timezone_known(name))
    throw py::value_error("unknown time zone '" + name + "'");
  return name;
}

std::vector<aptparse::run_window> apt_runs_value(py::handle v) {
  using run_pairs = std::vector<std::pair<std::string, std::string>>;
  const auto pairs = py::module_::import("aptparse._runs")
                         .attr("_run_pairs")(v)
                         .cast<run_pairs>();
  std::vector<aptparse::run_window> runs;
  runs.reserve(pairs.size());
  for (const auto& [start, end] : pairs) runs.push_back({start, end});
  return runs;
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
  if (kwargs.contains(kTz)) {
    o.timezone = timezone_value(kwargs[kTz]);
    ++used;
  }
  if (kwargs.contains(kAptRuns)) {
    o.apt_runs = apt_runs_value(kwargs[kAptRuns]);
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
  d[kTz] = o.timezone.empty() ? py::object(py::none()) : py::str(o.timezone);
  if (o.apt_runs.empty()) {
    d[kAptRuns] = py::none();
  } else {
    py::list runs;
    for (const auto& r : o.apt_runs)
      runs.append(py::make_tuple(r.start, r.end));
    d[kAptRuns] = runs;
  }
  return d;
}

}  // namespace aptparse_py

// One-shot parsing, JSON and the names of the C++ enums.
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <string_view>

#include "convert.h"
#include "register.h"

namespace aptparse_py {
namespace {

// The names of an enumeration's values, 0 to `last`, as its *_name()
// function gives them. `last` is named here as in names.cpp's static_asserts:
// the C++ enums carry no count.
template <class E>
py::tuple enum_names(std::string_view (*name)(E) noexcept, E last) {
  const auto n = static_cast<std::size_t>(last) + 1;
  py::tuple out(n);
  for (std::size_t v = 0; v < n; ++v)
    out[v] = py::str(std::string(name(static_cast<E>(v))));
  return out;
}

// The strings JSON and the Python objects print for the library's enums
// other than sets and error codes; "" is JSON's null. Keyed by the C++
// enum's name.
py::dict enum_name_lists() {
  using namespace aptparse;
  py::dict enums;
  enums["hold_reason"] = enum_names(&reason_name, hold_reason::held);
  enums["line_prefix"] = enum_names(&prefix_name, line_prefix::json_string);
  enums["message_level"] = enum_names(&level_name, message_level::audit);
  enums["consistency_verdict"] =
      enum_names(&verdict_name, consistency_verdict::no_counts);
  enums["record_kind"] = enum_names(&record_kind_name, record_kind::listing);
  enums["change_action"] = enum_names(&action_name, change_action::none);
  enums["change_status"] = enum_names(&status_name, change_status::absent);
  return enums;
}

}  // namespace

void register_parse(py::module_& m) {
  const aptparse::options defaults;
  m.attr("DEFAULT_MAX_LINE_BYTES") = defaults.max_line_bytes;
  m.attr("DEFAULT_MAX_PACKAGES_PER_LIST") = defaults.max_packages_per_list;
  m.attr("DEFAULT_MAX_TRANSACTIONS") = defaults.max_transactions;
  m.attr("DEFAULT_MAX_UNRECOGNIZED_KEPT") = defaults.max_unrecognized_kept;

  py::tuple sets(aptparse::pkg_set_count);
  for (int s = 0; s < aptparse::pkg_set_count; ++s)
    sets[s] = py::str(
        std::string(aptparse::set_name(static_cast<aptparse::pkg_set>(s))));
  m.attr("SET_NAMES") = sets;
#define APTPARSE_PY_COUNT_NAME(name, check) #name,
  const char* const count_names[] = {
      APTPARSE_COUNT_MAP(APTPARSE_PY_COUNT_NAME)};
#undef APTPARSE_PY_COUNT_NAME
  py::tuple counts(std::size(count_names));
  for (std::size_t i = 0; i < std::size(count_names); ++i)
    counts[i] = py::str(count_names[i]);
  m.attr("COUNT_NAMES") = counts;

  py::dict codes;  // name -> (number, message)
#define APTPARSE_PY_CODE(name, number, message)                             \
  codes[py::str(std::string(aptparse::error_name(aptparse::errc::name)))] = \
      py::make_tuple(                                                       \
          number, std::string(aptparse::error_message(aptparse::errc::name)));
  APTPARSE_ERRC_MAP(APTPARSE_PY_CODE)
#undef APTPARSE_PY_CODE
  m.attr("ERROR_CODES") = codes;

  m.attr("ENUM_NAMES") = enum_name_lists();

  m.attr("OPTION_DEFAULTS") = options_to_py(defaults);

  m.def(
      "parse",
      [](py::handle data, const py::kwargs& kwargs) {
        input_bytes in(data, "parse");
        const aptparse::options o = options_from_py(kwargs, "parse");
        auto r = std::make_shared<aptparse::report>();
        {
          py::gil_scoped_release nogil;
          *r = aptparse::parse(in.view(), o);
        }
        return report_to_py(std::move(r));
      },
      py::arg("data"),
      "Parses a whole log (str or bytes-like) with the GIL released and "
      "returns an aptparse.Report (its transactions converted on first "
      "access). The keyword arguments are the options of OPTION_DEFAULTS.");

  // For benchmarks: the C++ parse and report alone, without making Python
  // objects. Returns the Stats.
  m.def(
      "_parse_stats",
      [](py::handle data, std::size_t max_line_bytes) {
        input_bytes in(data, "_parse_stats");
        aptparse::options o;
        o.max_line_bytes = max_line_bytes;
        aptparse::parse_stats stats;
        {
          py::gil_scoped_release nogil;
          stats = aptparse::parse(in.view(), o).stats;
        }
        return to_py(stats);
      },
      py::arg("data"), py::arg("max_line_bytes") = defaults.max_line_bytes,
      "Benchmark helper: builds the C++ report with the GIL released and "
      "returns only its Stats (no Python objects for the transactions).");

  m.def(
      "to_json",
      [](py::handle transaction, py::handle source) {
        const aptparse::transaction t = transaction_from_py(transaction);
        const std::string src = bytes_from_py(source, "to_json");
        std::string out;
        {
          py::gil_scoped_release nogil;
          out = aptparse::to_json(t, src);
        }
        // The writer escapes invalid UTF-8, so the output is valid UTF-8.
        return py::str(out);
      },
      py::arg("transaction"), py::arg("source") = "",
      "Returns aptparse::to_json() of an aptparse.Transaction: the JSON "
      "object of the C++ CLI's --json output, without the line end.");

  m.def(
      "error_message",
      [](const std::string& code) {
#define APTPARSE_PY_CODE(name, number, message)           \
  if (code == aptparse::error_name(aptparse::errc::name)) \
    return std::string(aptparse::error_message(aptparse::errc::name));
        APTPARSE_ERRC_MAP(APTPARSE_PY_CODE)
#undef APTPARSE_PY_CODE
        throw py::value_error("unknown error code '" + code + "'");
      },
      py::arg("code"), "Returns the English explanation of an error code.");
}

}  // namespace aptparse_py

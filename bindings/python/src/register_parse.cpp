// One-shot parsing, JSON and the names of the C++ enums.
#include <pybind11/stl.h>

#include <memory>

#include "convert.h"
#include "register.h"

namespace aptparse_py {

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

// aptparse._core: the compiled part of the aptparse Python package.
// Import aptparse, not this module: aptparse registers its result classes
// here at import (see result_types.h).
#include <pybind11/pybind11.h>

#include "aptparse/version.h"
#include "convert.h"
#include "lazy_package.h"
#include "lazy_packages.h"
#include "lazy_transactions.h"
#include "records.h"
#include "register.h"

PYBIND11_MODULE(_core, m) {
  m.doc() =
      "The compiled core of aptparse. Use the aptparse package, not this "
      "module.";
  m.attr("__version__") = APTPARSE_VERSION_STRING;
  m.def(
      "version", [] { return std::string(aptparse::version()); },
      "Returns the version of the linked C++ library.");
  m.def("_set_types", &aptparse_py::set_types,
        "Registers the result classes (called by aptparse at import).");
  aptparse_py::register_lazy_package(m);
  aptparse_py::register_lazy_packages(m);
  aptparse_py::register_lazy_transactions(m);
  aptparse_py::register_parse(m);
  aptparse_py::register_parser(m);
  aptparse_py::register_cli(m);
  aptparse_py::register_compare(m);
  aptparse_py::register_records(m);
}

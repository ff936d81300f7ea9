// _compare(): aptparse::compare() of Python Transactions. It returns the
// comparison's JSON (aptparse::append_json), which aptparse._compare turns
// into its dataclasses, so that the JSON and the Python result are made by
// one writer and cannot disagree.
#include <vector>

#include "aptparse/compare.h"
#include "convert.h"
#include "register.h"

namespace aptparse_py {
namespace {

std::vector<aptparse::transaction> transactions_from_py(py::iterable items) {
  std::vector<aptparse::transaction> out;
  for (py::handle t : items) out.push_back(transaction_from_py(t));
  return out;
}

}  // namespace

void register_compare(py::module_& m) {
  m.def(
      "_compare",
      [](py::iterable plan, py::iterable outcome) {
        const auto p = transactions_from_py(plan);
        const auto o = transactions_from_py(outcome);
        std::string out;
        {
          py::gil_scoped_release nogil;
          aptparse::append_json(out, aptparse::compare(p, o), "", "");
        }
        return py::str(out);
      },
      py::arg("plan"), py::arg("outcome"),
      "Returns the JSON of aptparse::compare() of two iterables of "
      "aptparse.Transaction (use aptparse.compare()).");
}

}  // namespace aptparse_py

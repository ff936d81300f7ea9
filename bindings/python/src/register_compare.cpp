// _compare(): aptparse::compare() or compare_runs() of Python Transactions.
// It returns the comparisons' JSON Lines (aptparse::append_json), which
// aptparse._compare turns into its dataclasses, so that the JSON and the Python
// result are made by one writer and cannot disagree.
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
      [](py::iterable plan, py::iterable outcome, bool by_run) {
        const auto p = transactions_from_py(plan);
        const auto o = transactions_from_py(outcome);
        std::string out;
        {
          py::gil_scoped_release nogil;
          const std::vector<aptparse::comparison> runs =
              by_run ? aptparse::compare_runs(p, o)
                     : std::vector{aptparse::compare(p, o)};
          for (const aptparse::comparison& c : runs) {
            aptparse::append_json(out, c, "", "");
            out += '\n';
          }
        }
        return py::str(out);
      },
      py::arg("plan"), py::arg("outcome"), py::arg("by_run"),
      "Returns the JSON Lines of aptparse::compare() (by_run: "
      "compare_runs()) of two iterables of aptparse.Transaction (use "
      "aptparse.compare() or compare_runs()).");
}

}  // namespace aptparse_py

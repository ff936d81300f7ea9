#include "lazy_transactions.h"

#include <utility>

#include "convert.h"

namespace aptparse_py {

lazy_transactions::lazy_transactions(
    std::shared_ptr<const transaction_vector> ts)
    : ts_(std::move(ts)), size_(ts_->size()), done_(size_) {}

py::object lazy_transactions::get(std::size_t i) {
  if (i >= size_) throw py::index_error("transaction index out of range");
  if (!done_[i]) {
    py::object t = to_py(ts_, i);
    // The GIL is held throughout and to_py runs no Python code, so no other
    // thread can have converted i meanwhile. Checked all the same: every
    // caller must get the one object that is kept.
    if (!done_[i]) {
      done_[i] = std::move(t);
      ++converted_;
    }
  }
  return done_[i];
}

py::object make_lazy_transactions(
    std::shared_ptr<const transaction_vector> ts) {
  return py::cast(new lazy_transactions(std::move(ts)),
                  py::return_value_policy::take_ownership);
}

void register_lazy_transactions(py::module_& m) {
  py::class_<lazy_transactions>(
      m, "_LazyTransactions",
      "The C++ transactions of a report, converted on first access (use "
      "Report.transactions, an aptparse.LazyTransactions).")
      .def("__len__", &lazy_transactions::size)
      .def("get", &lazy_transactions::get, py::arg("index"),
           "Returns transaction `index` (0 <= index < len), converting it "
           "on the first call.")
      .def_property_readonly("converted", &lazy_transactions::converted,
                             "How many transactions have been converted.");
}

}  // namespace aptparse_py

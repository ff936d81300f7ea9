// _core._LazyTransactions: the transactions of a C++ report, made into
// Python Transactions one at a time, on first access, and kept. The Python
// class aptparse._model.LazyTransactions wraps it into a Sequence.
//
// Converting a whole large report costs several times what parsing it
// does; most callers look at a few transactions, or filter on a field, so
// a report converts only what is read. Every function needs the GIL.
#ifndef APTPARSE_PY_LAZY_TRANSACTIONS_H_
#define APTPARSE_PY_LAZY_TRANSACTIONS_H_

#include <pybind11/pybind11.h>

#include <memory>
#include <vector>

#include "aptparse/aptparse.h"
#include "convert.h"

namespace aptparse_py {

namespace py = pybind11;

class lazy_transactions {
 public:
  explicit lazy_transactions(std::shared_ptr<const transaction_vector> ts);

  std::size_t size() const { return size_; }
  // Transaction i as a Python Transaction, converted on the first call and
  // the same object afterwards. IndexError unless i < size().
  py::object get(std::size_t i);
  // How many transactions have been converted (for tests and benchmarks).
  std::size_t converted() const { return converted_; }
  // The C++ transactions (the Transactions' package sets share them).
  const transaction_vector* cpp() const { return ts_.get(); }

 private:
  std::shared_ptr<const transaction_vector> ts_;
  std::size_t size_;
  std::vector<py::object> done_;  // null until converted
  std::size_t converted_ = 0;
};

// A new _core._LazyTransactions over `ts`.
py::object make_lazy_transactions(std::shared_ptr<const transaction_vector> ts);

void register_lazy_transactions(py::module_& m);

}  // namespace aptparse_py

#endif  // APTPARSE_PY_LAZY_TRANSACTIONS_H_

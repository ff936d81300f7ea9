// The result classes of aptparse/_model.py, registered at import by
// _core._set_types(), and how instances of them are made.
//
// Instances are made without running their __init__: the type's tp_alloc,
// and each field's new reference stored straight into its slot (the offset
// of the class's member descriptor), which is what CPython's own slot
// descriptors do. That bypasses the frozen __setattr__ and costs a store
// per field instead of an attribute lookup and a call. A parsed Package is
// made otherwise: its fields when read (lazy_package.h).
//
// Every function here needs the GIL.
#ifndef APTPARSE_PY_RESULT_TYPES_H_
#define APTPARSE_PY_RESULT_TYPES_H_

#include <pybind11/pybind11.h>

#include <cstddef>
#include <utility>
#include <vector>

namespace aptparse_py {

namespace py = pybind11;

// The interned Python names of enum values, indexed by the enum; filled by
// set_types().
struct enum_names {
  std::vector<py::object> reason, verdict, level, code;
};
enum_names& enums();

// _core._set_types(**classes): registers the result classes.
void set_types(const py::kwargs& classes);

// The registered classes.
enum kind_id {
  k_package,
  k_counts,
  k_consistency,
  k_sizes,
  k_message,
  k_unrecognized,
  k_diagnostic,
  k_stats,
  k_status,
  k_transaction,
  k_report,
  k_count
};

// Makes an instance of kind `id` from its n field values, in order (moved
// from: their references go into the instance).
py::object make(kind_id id, py::object* values, std::size_t n);

template <class... A>
py::object make_of(kind_id id, A&&... values) {
  py::object v[] = {py::object(std::forward<A>(values))...};
  return make(id, v, sizeof...(A));
}

// The class aptparse._model.LazyTransactions.
const py::object& lazy_class();

// Stops the cyclic GC from tracking `obj` when none of the objects it
// refers to (ref(i) for i < n) is tracked: then it cannot be part of a
// reference cycle, since the result classes are frozen and tuples
// immutable. CPython does the same for tuples and dicts, though only when
// a collection comes across them. Tracked, the objects of a large report
// made every full collection traverse all of them: when the caller's own
// allocations triggered collections between lazy conversions, that cost
// more than making the objects.
template <class Ref>
void untrack_if_leaf(PyObject* obj, std::size_t n, Ref&& ref) {
  if (!PyObject_GC_IsTracked(obj)) return;
  for (std::size_t i = 0; i < n; ++i)
    if (PyObject_GC_IsTracked(ref(i))) return;
  PyObject_GC_UnTrack(obj);
}

}  // namespace aptparse_py

#endif  // APTPARSE_PY_RESULT_TYPES_H_

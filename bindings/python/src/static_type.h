// The module's own C types (the package sets, lazy packages and their
// fields) are static PyTypeObjects, filled member by member (aggregate
// initialisation would name each of the ~50 members) and readied once.
#ifndef APTPARSE_PY_STATIC_TYPE_H_
#define APTPARSE_PY_STATIC_TYPE_H_

#include <pybind11/pybind11.h>

namespace aptparse_py {

// Readies `t`, named `name`, of instances of `size` bytes, after `fill(t)`
// set its other members.
template <class Fill>
void ready_static_type(PyTypeObject& t, const char* name, std::size_t size,
                       unsigned long flags, Fill&& fill) {
  Py_SET_REFCNT(reinterpret_cast<PyObject*>(&t), 1);  // never freed
  t.tp_name = name;
  t.tp_basicsize = static_cast<Py_ssize_t>(size);
  t.tp_flags = flags;
  fill(t);
  if (PyType_Ready(&t) < 0) throw pybind11::error_already_set();
}

}  // namespace aptparse_py

#endif  // APTPARSE_PY_STATIC_TYPE_H_

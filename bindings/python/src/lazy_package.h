// A parsed aptparse.Package: each field made of the C++ package when it is
// first read.
//
// A package set (lazy_packages.h) makes a Package on every read. Made with
// all 18 fields, that cost about 200 ns a package (making, caching and
// freeing strs, bools and a tuple), where a caller reads one or two of them.
// So Package (aptparse/_package.py, a frozen slotted dataclass) derives from
// _core._LazyPackage, which adds to each instance the C++ package it was
// made of and its set (a strong reference, which keeps the report's
// packages alive). At import, _set_types() replaces the member descriptors
// of Package's field slots with lazy fields: one reads its slot, as the
// member descriptor did, and when the slot is empty and the instance has a
// C++ package, makes the value (convert.h's package_field), stores it in
// the slot and returns it. A parsed Package is then one allocation and two
// stores; a Package made by hand (__init__, unpickling) has no C++ package
// and its slots are set as before. Package's getattr finds a field by its
// name's address and reads its slot (or makes it) without the generic
// lookup, while the class is as registered (its type version tag): the
// same value the lazy field gives, at a third of the cost.
//
// Everything else (==, hash, repr, pickling, to_dict, to_json) reads the
// fields as attributes and sees the values the eager Package had. Setting or
// deleting a field through the slot (object.__setattr__) first makes every
// field and forgets the C++ package, so that a field never comes from the C++
// package again once the slots were changed. Every function needs the GIL.
#ifndef APTPARSE_PY_LAZY_PACKAGE_H_
#define APTPARSE_PY_LAZY_PACKAGE_H_

#include <pybind11/pybind11.h>

#include <vector>

#include "aptparse/aptparse.h"

namespace aptparse_py {

namespace py = pybind11;

// Makes the fields of `cls` (aptparse.Package, which must derive from
// _core._LazyPackage) lazy fields: `names` (interned) and `slots` (their
// offsets) in the order of package_fields.h.
void make_fields_lazy(PyObject* cls, const std::vector<PyObject*>& names,
                      const std::vector<Py_ssize_t>& slots);

// The slot offset of `descr` when it is a lazy field of `cls`, else -1
// (for a second _set_types() of the same class).
Py_ssize_t lazy_field_offset(PyObject* descr, PyTypeObject* cls);

// A new Package of `p`, which `set` (a Packages) keeps alive: a new
// reference, or null with an exception set.
PyObject* make_package(PyObject* set, const aptparse::package& p) noexcept;

// Adds _core._LazyPackage.
void register_lazy_package(py::module_& m);

}  // namespace aptparse_py

#endif  // APTPARSE_PY_LAZY_PACKAGE_H_

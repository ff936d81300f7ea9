// _core.Packages: a package set of a Transaction, as an immutable sequence
// over the C++ packages of the report, which makes each Package when it is
// read and does not keep it.
//
// Reading every package of a large report once made and kept a Python
// object per package mention (about 180 bytes each, on top of the C++
// report): 1.4 GB for 100 MB of dense plans, and the allocation cost more
// than the parse. A Package is now made on access and freed when the
// caller lets go of it; the set holds only a shared pointer to the C++
// vector.
//
// It behaves as the tuple of its packages: equal to that tuple (and to any
// Packages with equal items), with the same hash, pickled as that tuple,
// its repr that tuple's; slicing and + give tuples. It holds no Python
// object, so it is never part of a reference cycle and not GC-tracked.
// Every function needs the GIL.
#ifndef APTPARSE_PY_LAZY_PACKAGES_H_
#define APTPARSE_PY_LAZY_PACKAGES_H_

#include <pybind11/pybind11.h>

#include <memory>
#include <span>
#include <vector>

#include "aptparse/aptparse.h"

namespace aptparse_py {

namespace py = pybind11;

using package_span = std::span<const aptparse::package>;

// The set `pkgs` (not empty) as a Packages; `owner` keeps the packages and
// their strings alive (it shares the ownership of their transaction).
py::object make_packages(std::shared_ptr<const void> owner, package_span pkgs);

// The C++ packages of `o` when it is a Packages, else null.
const package_span* packages_of(PyObject* o);

void register_lazy_packages(py::module_& m);

}  // namespace aptparse_py

#endif  // APTPARSE_PY_LAZY_PACKAGES_H_

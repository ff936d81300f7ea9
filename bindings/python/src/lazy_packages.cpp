#include "lazy_packages.h"

#include <new>
#include <utility>

#include "lazy_package.h"
#include "static_type.h"

namespace aptparse_py {
namespace {

struct packages_object {
  PyObject ob_base;                   // PyObject_HEAD
  std::shared_ptr<const void> owner;  // of the transaction behind pkgs
  package_span pkgs;
  Py_hash_t hash;  // -1 until computed
};

struct iterator_object {
  PyObject ob_base;      // PyObject_HEAD
  packages_object* seq;  // a strong reference
  std::size_t next;
};

// Filled by ready_types() (static_type.h).
PyTypeObject packages_type{};
PyTypeObject iterator_type{};

const package_span& vec(PyObject* self) {
  return reinterpret_cast<packages_object*>(self)->pkgs;
}

bool is_packages(PyObject* o) { return Py_IS_TYPE(o, &packages_type); }

// Package i of `self` (i < size), a new reference; null with an exception
// set on failure.
PyObject* item(PyObject* self, std::size_t i) noexcept {
  return make_package(self, vec(self)[i]);
}

// The tuple of the packages of `o` (a Packages), or `o` itself (a tuple);
// a new reference.
PyObject* as_tuple(PyObject* o) {
  if (!is_packages(o)) return Py_NewRef(o);
  const std::size_t n = vec(o).size();
  PyObject* t = PyTuple_New(static_cast<Py_ssize_t>(n));
  if (!t) return nullptr;
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* p = item(o, i);
    if (!p) {
      Py_DECREF(t);
      return nullptr;
    }
    PyTuple_SET_ITEM(t, static_cast<Py_ssize_t>(i), p);
  }
  return t;
}

// Calls `f` on the tuples of a and b; both must be a Packages or a tuple.
template <class F>
PyObject* on_tuples(PyObject* a, PyObject* b, F&& f) {
  PyObject* ta = as_tuple(a);
  if (!ta) return nullptr;
  PyObject* tb = as_tuple(b);
  if (!tb) {
    Py_DECREF(ta);
    return nullptr;
  }
  PyObject* r = f(ta, tb);
  Py_DECREF(ta);
  Py_DECREF(tb);
  return r;
}

bool sequence_like(PyObject* o) { return is_packages(o) || PyTuple_Check(o); }

void dealloc(PyObject* self) {
  reinterpret_cast<packages_object*>(self)->owner.~shared_ptr();
  Py_TYPE(self)->tp_free(self);
}

Py_ssize_t length(PyObject* self) {
  return static_cast<Py_ssize_t>(vec(self).size());
}

PyObject* index_error() {
  PyErr_SetString(PyExc_IndexError, "package index out of range");
  return nullptr;
}

// seq[i] with i already made non-negative (reversed(), the sequence API).
PyObject* sq_item(PyObject* self, Py_ssize_t i) {
  if (i < 0 || i >= length(self)) return index_error();
  return item(self, static_cast<std::size_t>(i));
}

PyObject* subscript(PyObject* self, PyObject* key) {
  const Py_ssize_t n = length(self);
  if (PyIndex_Check(key)) {
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    return sq_item(self, i < 0 ? i + n : i);
  }
  if (!PySlice_Check(key)) {
    PyErr_Format(PyExc_TypeError,
                 "Packages indices must be integers or slices, not %.200s",
                 Py_TYPE(key)->tp_name);
    return nullptr;
  }
  Py_ssize_t start, stop, step;
  if (PySlice_Unpack(key, &start, &stop, &step) < 0) return nullptr;
  const Py_ssize_t len = PySlice_AdjustIndices(n, &start, &stop, step);
  PyObject* t = PyTuple_New(len);
  if (!t) return nullptr;
  for (Py_ssize_t k = 0, i = start; k < len; ++k, i += step) {
    PyObject* p = item(self, static_cast<std::size_t>(i));
    if (!p) {
      Py_DECREF(t);
      return nullptr;
    }
    PyTuple_SET_ITEM(t, k, p);
  }
  return t;
}

int contains(PyObject* self, PyObject* value) {
  for (std::size_t i = 0, n = vec(self).size(); i < n; ++i) {
    PyObject* p = item(self, i);
    if (!p) return -1;
    const int eq = PyObject_RichCompareBool(p, value, Py_EQ);
    Py_DECREF(p);
    if (eq != 0) return eq;
  }
  return 0;
}

PyObject* richcompare(PyObject* self, PyObject* other, int op) {
  if (!sequence_like(other)) Py_RETURN_NOTIMPLEMENTED;
  if (op == Py_EQ || op == Py_NE) {
    const bool same = is_packages(other) &&
                      vec(self).data() == vec(other).data() &&
                      vec(self).size() == vec(other).size();  // the one set
    const bool differ = PyObject_Length(other) != length(self);
    if (same || differ) return PyBool_FromLong((op == Py_EQ) == same);
  }
  return on_tuples(self, other, [op](PyObject* a, PyObject* b) {
    return PyObject_RichCompare(a, b, op);
  });
}

Py_hash_t hash(PyObject* self) {
  auto* s = reinterpret_cast<packages_object*>(self);
  if (s->hash == -1) {
    PyObject* t = as_tuple(self);
    if (!t) return -1;
    s->hash = PyObject_Hash(t);
    Py_DECREF(t);
  }
  return s->hash;
}

PyObject* add(PyObject* a, PyObject* b) {
  if (!sequence_like(a) || !sequence_like(b)) Py_RETURN_NOTIMPLEMENTED;
  return on_tuples(a, b, PySequence_Concat);
}

PyObject* repr(PyObject* self) {
  PyObject* t = as_tuple(self);
  if (!t) return nullptr;
  PyObject* r = PyObject_Repr(t);
  Py_DECREF(t);
  return r;
}

PyObject* iter(PyObject* self) {
  auto* it = PyObject_New(iterator_object, &iterator_type);
  if (!it) return nullptr;
  it->seq = reinterpret_cast<packages_object*>(Py_NewRef(self));
  it->next = 0;
  return reinterpret_cast<PyObject*>(it);
}

PyObject* iter_next(PyObject* self) {
  auto* it = reinterpret_cast<iterator_object*>(self);
  PyObject* seq = reinterpret_cast<PyObject*>(it->seq);
  if (it->next >= vec(seq).size()) return nullptr;  // StopIteration
  return item(seq, it->next++);
}

void iter_dealloc(PyObject* self) {
  Py_DECREF(reinterpret_cast<iterator_object*>(self)->seq);
  PyObject_Free(self);
}

PyObject* reduce(PyObject* self, PyObject*) {
  PyObject* t = as_tuple(self);
  if (!t) return nullptr;
  return Py_BuildValue("(O(N))", reinterpret_cast<PyObject*>(&PyTuple_Type), t);
}

// index() and count(), as the tuple's.
template <const char* Name>
PyObject* tuple_method(PyObject* self, PyObject* args) {
  PyObject* t = as_tuple(self);
  if (!t) return nullptr;
  PyObject* m = PyObject_GetAttrString(t, Name);
  Py_DECREF(t);
  if (!m) return nullptr;
  PyObject* r = PyObject_Call(m, args, nullptr);
  Py_DECREF(m);
  return r;
}

constexpr char kIndex[] = "index";
constexpr char kCount[] = "count";

PyMethodDef methods[] = {
    {"__reduce__", reduce, METH_NOARGS, "Pickled as the tuple."},
    {kIndex, tuple_method<kIndex>, METH_VARARGS, "As tuple.index()."},
    {kCount, tuple_method<kCount>, METH_VARARGS, "As tuple.count()."},
    {nullptr, nullptr, 0, nullptr}};

PySequenceMethods sequence_methods = {};
PyMappingMethods mapping_methods = {};
PyNumberMethods number_methods = {};

void ready_types() {
  sequence_methods.sq_length = length;
  sequence_methods.sq_item = sq_item;
  sequence_methods.sq_contains = contains;
  mapping_methods.mp_length = length;
  mapping_methods.mp_subscript = subscript;
  number_methods.nb_add = add;

  ready_static_type(
      packages_type, "aptparse._core.Packages", sizeof(packages_object),
      Py_TPFLAGS_DEFAULT | Py_TPFLAGS_SEQUENCE, [](PyTypeObject& t) {
        t.tp_doc =
            "A package set of a Transaction: an immutable "
            "sequence of Packages, each made when read. Equal "
            "to, and hashed and pickled as, the tuple of its "
            "packages.";
        t.tp_dealloc = dealloc;
        t.tp_repr = repr;
        t.tp_as_number = &number_methods;
        t.tp_as_sequence = &sequence_methods;
        t.tp_as_mapping = &mapping_methods;
        t.tp_hash = hash;
        t.tp_richcompare = richcompare;
        t.tp_iter = iter;
        t.tp_methods = methods;
      });
  ready_static_type(iterator_type, "aptparse._core._PackagesIterator",
                    sizeof(iterator_object), Py_TPFLAGS_DEFAULT,
                    [](PyTypeObject& t) {
                      t.tp_dealloc = iter_dealloc;
                      t.tp_iter = PyObject_SelfIter;
                      t.tp_iternext = iter_next;
                    });
}

}  // namespace

py::object make_packages(std::shared_ptr<const void> owner, package_span pkgs) {
  PyObject* o = packages_type.tp_alloc(&packages_type, 0);
  if (!o) throw py::error_already_set();
  auto* s = reinterpret_cast<packages_object*>(o);
  new (&s->owner) std::shared_ptr<const void>(std::move(owner));
  s->pkgs = pkgs;
  s->hash = -1;
  return py::reinterpret_steal<py::object>(o);
}

const package_span* packages_of(PyObject* o) {
  return is_packages(o) ? &vec(o) : nullptr;
}

void register_lazy_packages(py::module_& m) {
  ready_types();
  m.attr("Packages") = py::reinterpret_borrow<py::object>(
      reinterpret_cast<PyObject*>(&packages_type));
}

}  // namespace aptparse_py

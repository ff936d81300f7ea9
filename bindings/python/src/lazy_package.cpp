#include "lazy_package.h"

#include <structmember.h>  // PyMemberDef, T_OBJECT (Python.h from 3.12)

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "convert.h"
#include "static_type.h"

namespace aptparse_py {
namespace {

// The C part of a Package: what _LazyPackage adds to object. Both null in
// a Package made by hand; pkg null once its fields were all made (set stays
// until the Package is freed: a field being made may still read *pkg).
// `filled` has bit i set when field i's slot may hold a value: a parsed
// Package whose loop reads one field then frees only that one, instead of
// testing all 18 slots (which was most of the cost of freeing it).
struct base_object {
  PyObject ob_base;              // PyObject_HEAD
  PyObject* set;                 // the Packages keeping *pkg alive
  const aptparse::package* pkg;  // the package the fields are made of
  std::uint32_t filled;
};
static_assert(package_field_count <= 32);
constexpr std::uint32_t kAllFilled =
    (std::uint32_t{1} << package_field_count) - 1;

// A lazy field of Package: its slot and its place in package_fields.h.
struct field_object {
  PyObject ob_base;   // PyObject_HEAD
  PyTypeObject* cls;  // Package; a strong reference
  PyObject* name;     // the field's name; a strong reference
  Py_ssize_t offset;  // of its slot in an instance
  std::size_t index;
};

// Filled by ready_types() (static_type.h).
PyTypeObject base_type{};
PyTypeObject field_type{};

// The registered Package (a strong reference) and its fields' slots.
PyTypeObject* package_cls = nullptr;
std::array<Py_ssize_t, package_field_count> offsets{};

// Freed Packages (memory of package_cls's size, from PyObject_GC_New,
// untracked) for make_package to reuse: a loop over a set frees each
// Package before it makes the next, and pymalloc's allocation and release
// cost more than the rest of making one. Each keeps its reference to its
// type: reuse is a new reference count, not PyObject_Init.
constexpr std::size_t kFreeMax = 32;
std::array<PyObject*, kFreeMax> free_list{};
std::size_t free_count = 0;

base_object* base(PyObject* o) { return reinterpret_cast<base_object*>(o); }
field_object* field(PyObject* o) { return reinterpret_cast<field_object*>(o); }

PyObject*& slot(PyObject* obj, Py_ssize_t offset) {
  return *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) + offset);
}

// Field i of `obj` (of package p) in its slot at `offset`, made unless it
// is there; a borrowed reference, or null with an exception set. Making a
// tuple may start a collection, whose finalizers might set the slot.
PyObject* fill(PyObject* obj, Py_ssize_t offset, const aptparse::package& p,
               std::size_t i) {
  PyObject*& s = slot(obj, offset);
  if (s != nullptr) return s;
  PyObject* v = package_field(p, i);
  if (v == nullptr) return nullptr;
  base(obj)->filled |= std::uint32_t{1} << i;
  if (s == nullptr)
    s = v;
  else
    Py_DECREF(v);
  return s;
}

// Makes every field of `obj` not made yet and forgets its C++ package, so
// that its slots alone hold its fields; -1 with an exception set on
// failure. Only instances of package_cls have a C++ package.
int make_all(PyObject* obj) {
  const aptparse::package* p = base(obj)->pkg;
  if (p == nullptr) return 0;
  for (std::size_t i = 0; i < package_field_count; ++i)
    if (fill(obj, offsets[i], *p, i) == nullptr) return -1;
  base(obj)->pkg = nullptr;
  return 0;
}

// As CPython's descriptors check the instance they are given.
bool applies(PyObject* self, PyObject* obj) {
  if (PyObject_TypeCheck(obj, field(self)->cls)) return true;
  PyErr_Format(PyExc_TypeError,
               "descriptor '%U' for '%.100s' objects doesn't apply to a "
               "'%.100s' object",
               field(self)->name, field(self)->cls->tp_name,
               Py_TYPE(obj)->tp_name);
  return false;
}

PyObject* no_attribute(PyObject* self, PyObject* obj) {
  PyErr_Format(PyExc_AttributeError, "'%.200s' object has no attribute '%U'",
               Py_TYPE(obj)->tp_name, field(self)->name);
  return nullptr;
}

PyObject* field_get(PyObject* self, PyObject* obj, PyObject*) {
  if (obj == nullptr) return Py_NewRef(self);  // read on the class
  if (!applies(self, obj)) return nullptr;
  PyObject* s = slot(obj, field(self)->offset);
  if (s == nullptr) {
    const aptparse::package* p = base(obj)->pkg;
    if (p == nullptr) return no_attribute(self, obj);
    s = fill(obj, field(self)->offset, *p, field(self)->index);
    if (s == nullptr) return nullptr;
  }
  return Py_NewRef(s);
}

// Package's tp_getattro: a field read without the generic lookup (~130
// instructions). The fields' names, interned as names in code are, are
// found by address in a small open-addressed table; only while Package's
// version tag is one at which its dict held these lazy fields
// (revalidate()): any change to Package or its bases gives a new tag.
constexpr std::size_t kNameSlots = 64;  // a power of two, > 2 * fields
struct name_entry {
  PyObject* name;  // interned; a strong reference held by the field
  Py_ssize_t offset;
  std::size_t index;
};
std::array<name_entry, kNameSlots> name_table{};
unsigned int fast_tag = 0;     // 0: none yet (0 is never a valid tag)
unsigned int refused_tag = 0;  // a tag at which the dict was not ours

std::size_t name_slot(PyObject* name) {
  const auto a = reinterpret_cast<std::uintptr_t>(name);
  return ((a >> 4) ^ (a >> 10)) & (kNameSlots - 1);
}

// The entry of the field named `name` (by address), or null.
const name_entry* find_field(PyObject* name) {
  for (std::size_t h = name_slot(name);; h = (h + 1) & (kNameSlots - 1)) {
    if (name_table[h].name == name) return &name_table[h];
    if (name_table[h].name == nullptr) return nullptr;
  }
}

// Whether Package's dict, at its current tag, holds our lazy field i under
// each name of the table: then the generic lookup would call field_get.
// Out of line, as is made_ref, so that package_getattro's path to a field
// in its slot saves no registers.
[[gnu::noinline]] bool revalidate(PyTypeObject* type) {
  const unsigned int tag = type->tp_version_tag;
  if (tag == refused_tag) return false;
  for (const name_entry& e : name_table) {
    if (e.name == nullptr) continue;
    PyObject* d = PyDict_GetItemWithError(type->tp_dict, e.name);  // borrowed
    if (d == nullptr || !Py_IS_TYPE(d, &field_type) || field(d)->cls != type ||
        field(d)->index != e.index || field(d)->offset != e.offset) {
      PyErr_Clear();
      refused_tag = tag;
      return false;
    }
  }
  fast_tag = tag;
  return true;
}

// Field i of `obj`, its slot empty, made of its C++ package if it has one:
// a new reference, or null with an exception set.
[[gnu::noinline]] PyObject* made_ref(PyObject* obj, PyObject* name,
                                     std::size_t i) {
  const aptparse::package* p = base(obj)->pkg;
  if (p == nullptr) return PyObject_GenericGetAttr(obj, name);  // its error
  PyObject* s = fill(obj, offsets[i], *p, i);
  return s != nullptr ? Py_NewRef(s) : nullptr;
}

// Whether `type` has a version tag: the flag until 3.12 (3.10 keeps the
// old number when it clears it); from 3.13 the flag is no longer set, and
// a change sets the tag to 0.
bool has_version_tag(PyTypeObject* type) {
#if PY_VERSION_HEX >= 0x030D0000
  return type->tp_version_tag != 0;
#else
  return (type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) != 0;
#endif
}

PyObject* package_getattro(PyObject* obj, PyObject* name) {
  PyTypeObject* type = Py_TYPE(obj);
  if (type == package_cls && has_version_tag(type) &&
      (type->tp_version_tag == fast_tag || revalidate(type))) {
    if (const name_entry* e = find_field(name)) {
      if (PyObject* s = slot(obj, e->offset)) return Py_NewRef(s);
      return made_ref(obj, name, e->index);
    }
  }
  return PyObject_GenericGetAttr(obj, name);
}

// Sets (value) or deletes (null) the field, as a member descriptor does.
int field_set(PyObject* self, PyObject* obj, PyObject* value) {
  if (!applies(self, obj) || make_all(obj) < 0) return -1;
  base(obj)->filled = kAllFilled;
  PyObject*& s = slot(obj, field(self)->offset);
  if (value == nullptr && s == nullptr) {
    no_attribute(self, obj);
    return -1;
  }
  // A Package made untracked (make_package) may now refer to a tracked
  // object, hence be part of a cycle.
  if (value != nullptr && PyObject_GC_IsTracked(value) && PyObject_IS_GC(obj) &&
      !PyObject_GC_IsTracked(obj))
    PyObject_GC_Track(obj);
  PyObject* old = s;
  s = Py_XNewRef(value);
  Py_XDECREF(old);
  return 0;
}

void field_dealloc(PyObject* self) {
  Py_DECREF(field(self)->cls);
  Py_DECREF(field(self)->name);
  PyObject_Free(self);
}

PyObject* field_repr(PyObject* self) {
  return PyUnicode_FromFormat("<lazy field '%U' of '%s' objects>",
                              field(self)->name, field(self)->cls->tp_name);
}

PyMemberDef field_members[] = {
    {"__name__", T_OBJECT, offsetof(field_object, name), READONLY, nullptr},
    {"__objclass__", T_OBJECT, offsetof(field_object, cls), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyObject* base_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (type == &base_type) {
    PyErr_SetString(PyExc_TypeError,
                    "_LazyPackage is the base of aptparse.Package only");
    return nullptr;
  }
  PyObject* obj = PyType_GenericNew(type, args, kwds);
  if (obj != nullptr) base(obj)->filled = kAllFilled;  // set by __init__
  return obj;
}

// Package's tp_dealloc, not subtype_dealloc (a quarter of the cost of
// reading a package): Package has no __dict__, __weakref__ or __del__, only
// its fields. A subclass's subtype_dealloc clears its slots, then calls
// this, which releases the subclass too (as base deallocs do).
void package_dealloc(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  const std::uint32_t filled = base(self)->filled;
  if (filled == kAllFilled) {  // made by hand, or every field read
    // Only these may be tracked: make_package's are not until field_set
    // tracks them, and it sets every bit first.
    PyObject_GC_UnTrack(self);
    for (const Py_ssize_t at : offsets) Py_CLEAR(slot(self, at));
  } else {
    for (std::uint32_t m = filled; m != 0; m &= m - 1)
      Py_CLEAR(
          slot(self, offsets[static_cast<std::size_t>(std::countr_zero(m))]));
  }
  Py_CLEAR(base(self)->set);
  base(self)->pkg = nullptr;
  if (type == package_cls && free_count < kFreeMax) {
    free_list[free_count++] = self;  // keeps its reference to type
    return;
  }
  type->tp_free(self);
  Py_DECREF(type);
}

// A base's dealloc, for another subclass of _LazyPackage than Package.
void base_dealloc(PyObject* self) {
  Py_CLEAR(base(self)->set);
  Py_TYPE(self)->tp_free(self);
}

void ready_types() {
  ready_static_type(
      base_type, "aptparse._core._LazyPackage", sizeof(base_object),
      Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, [](PyTypeObject& t) {
        t.tp_doc =
            "The base of aptparse.Package: a parsed Package makes each "
            "field of the C++ package when it is first read.";
        t.tp_new = base_new;
        t.tp_dealloc = base_dealloc;
      });
  ready_static_type(field_type, "aptparse._core._LazyField",
                    sizeof(field_object), Py_TPFLAGS_DEFAULT,
                    [](PyTypeObject& t) {
                      t.tp_dealloc = field_dealloc;
                      t.tp_repr = field_repr;
                      t.tp_members = field_members;
                      t.tp_descr_get = field_get;
                      t.tp_descr_set = field_set;
                    });
}

}  // namespace

void make_fields_lazy(PyObject* cls, const std::vector<PyObject*>& names,
                      const std::vector<Py_ssize_t>& slots) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls);
  if (!PyType_IsSubtype(type, &base_type) || !PyType_IS_GC(type))
    throw py::type_error(
        "_set_types: Package must derive from _core._LazyPackage");
  if (slots.size() != package_field_count || names.size() != slots.size())
    throw py::type_error("_set_types: the fields of Package must be slots");
  for (std::size_t i = 0; i < package_field_count; ++i) {
    field_object* d = PyObject_New(field_object, &field_type);
    if (!d) throw py::error_already_set();
    d->cls = reinterpret_cast<PyTypeObject*>(Py_NewRef(cls));
    d->name = Py_NewRef(names[i]);
    d->offset = slots[i];
    d->index = i;
    const int failed =
        PyObject_SetAttr(cls, names[i], reinterpret_cast<PyObject*>(d));
    Py_DECREF(d);
    if (failed) throw py::error_already_set();
    offsets[i] = slots[i];
  }
  while (free_count > 0) {  // package_cls keeps their type alive here
    PyObject* o = free_list[--free_count];
    Py_DECREF(Py_TYPE(o));
    PyObject_GC_Del(o);
  }
  Py_XSETREF(package_cls, reinterpret_cast<PyTypeObject*>(Py_NewRef(cls)));
  package_cls->tp_dealloc = package_dealloc;
  name_table = {};
  for (std::size_t i = 0; i < package_field_count; ++i) {
    std::size_t h = name_slot(names[i]);
    while (name_table[h].name != nullptr) h = (h + 1) & (kNameSlots - 1);
    name_table[h] = {names[i], slots[i], i};
  }
  fast_tag = refused_tag = 0;
  package_cls->tp_getattro = package_getattro;
}

Py_ssize_t lazy_field_offset(PyObject* descr, PyTypeObject* cls) {
  if (descr == nullptr || !Py_IS_TYPE(descr, &field_type) ||
      field(descr)->cls != cls)
    return -1;
  return field(descr)->offset;
}

PyObject* make_package(PyObject* set, const aptparse::package& p) noexcept {
  PyTypeObject* type = package_cls;
  if (type == nullptr) {
    PyErr_SetString(PyExc_RuntimeError,
                    "aptparse._core: Package not registered; import aptparse");
    return nullptr;
  }
  // Untracked (tp_alloc would track it): its fields will be strs, bools
  // and tuples of strs, so it cannot be part of a cycle. Its slots are
  // null (package_dealloc cleared them) or zeroed here.
  PyObject* obj;
  if (free_count > 0) {
    obj = free_list[--free_count];  // of type, which it still holds
    _Py_NewReference(obj);          // PyObject_Init's last step
  } else {
    obj = PyObject_GC_New(PyObject, type);
    if (!obj) return nullptr;
    std::memset(
        reinterpret_cast<char*>(obj) + sizeof(PyObject), 0,
        static_cast<std::size_t>(type->tp_basicsize) - sizeof(PyObject));
  }
  base(obj)->set = Py_NewRef(set);
  base(obj)->pkg = &p;
  base(obj)->filled = 0;
  return obj;
}

void register_lazy_package(py::module_& m) {
  ready_types();
  m.attr("_LazyPackage") = py::reinterpret_borrow<py::object>(
      reinterpret_cast<PyObject*>(&base_type));
}

}  // namespace aptparse_py

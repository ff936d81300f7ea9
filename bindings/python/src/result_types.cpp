#include "result_types.h"

#include <structmember.h>  // PyMemberDef, T_OBJECT_EX (Python.h from 3.12)

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "aptparse/aptparse.h"
#include "lazy_package.h"
#include "package_fields.h"

namespace aptparse_py {

enum_names& enums() {
  static enum_names* e = new enum_names();  // leaked: lives until exit
  return *e;
}

namespace {

// One registered result class and its field names, in order.
struct kind {
  const char* python_name;
  std::vector<const char*> fields;
  PyObject* cls = nullptr;            // a strong reference, never released
  std::vector<PyObject*> names = {};  // interned field names
  // Where each field's slot is in an instance; empty when a field is not a
  // plain slot (then fields are set with PyObject_GenericSetAttr).
  std::vector<Py_ssize_t> offsets = {};
};

// The fields of Counts, Sizes and Stats and the set fields of Transaction are
// named as the library names them (events.h, stats.h); _set_types() checks
// that _model.py agrees.
#define APTPARSE_PY_FIELD_NAME(name, value) #name,
#define APTPARSE_PY_COUNT_NAME(name, check) #name,
#define APTPARSE_PY_SET_NAME(name) #name,
#define APTPARSE_PY_SIZE_NAME(type, name) #name,
#define APTPARSE_PY_STATS_NAME(name) #name,
std::array<kind, k_count>& kinds() {
  static std::array<kind, k_count> k = {{
      {"Package",
       {APTPARSE_PY_PACKAGE_FIELDS(APTPARSE_PY_FIELD_NAME,
                                   APTPARSE_PY_FIELD_NAME)}},
      {"Counts", {APTPARSE_COUNT_MAP(APTPARSE_PY_COUNT_NAME)}},
      {"Consistency", {"verdict", "mismatches", "unverifiable"}},
      {"Sizes", {APTPARSE_SIZE_MAP(APTPARSE_PY_SIZE_NAME)}},
      {"Message", {"level", "text", "line", "offset"}},
      {"Unrecognized", {"line", "offset", "text"}},
      {"Diagnostic", {"code", "line", "offset", "dropped"}},
      {"Stats", {APTPARSE_STATS_MAP(APTPARSE_PY_STATS_NAME)}},
      {"Status", {"code", "line", "offset"}},
      {"Transaction",
       {APTPARSE_PKG_SET_MAP(APTPARSE_PY_SET_NAME) "counts",
        "consistency",
        "sizes",
        "messages",
        "unrecognized_count",
        "unrecognized",
        "diagnostics",
        "first_line",
        "last_line",
        "first_offset",
        "last_offset",
        "end_offset",
        "complete",
        "line_prefix",
        "kind",
        "security_count",
        "start",
        "end",
        "command",
        "requested_by_user",
        "requested_by_uid",
        "error"}},
      {"Report",
       {"transactions", "unrecognized_count", "unrecognized", "diagnostics",
        "dropped_transactions", "stats", "error"}},
  }};
  return k;
}
#undef APTPARSE_PY_STATS_NAME
#undef APTPARSE_PY_SIZE_NAME
#undef APTPARSE_PY_SET_NAME
#undef APTPARSE_PY_COUNT_NAME
#undef APTPARSE_PY_FIELD_NAME

// The Python class aptparse._model.LazyTransactions.
py::object& lazy_class_slot() {
  static py::object* c = new py::object();  // leaked: lives until exit
  return *c;
}

[[noreturn]] void not_registered() {
  throw std::runtime_error(
      "aptparse._core: result classes not registered; import aptparse, "
      "not aptparse._core");
}

const kind& get(kind_id id) {
  const kind& k = kinds()[id];
  if (k.cls == nullptr) not_registered();
  return k;
}

// The offsets of the slots of `cls` named `fields`, or none unless every
// field is a plain object slot of `cls` itself (a PyMemberDescr of type
// T_OBJECT_EX, writable), as dataclass(slots=True) makes them, or a lazy
// field of it (lazy_package.h: Package registered before).
std::vector<Py_ssize_t> slot_offsets(PyTypeObject* cls,
                                     const std::vector<const char*>& fields) {
  std::vector<Py_ssize_t> out;
  for (const char* f : fields) {
    PyObject* d = PyDict_GetItemString(cls->tp_dict, f);  // borrowed
    if (const Py_ssize_t lazy = lazy_field_offset(d, cls); lazy > 0) {
      out.push_back(lazy);
      continue;
    }
    if (d == nullptr || !Py_IS_TYPE(d, &PyMemberDescr_Type)) return {};
    auto* descr = reinterpret_cast<PyMemberDescrObject*>(d);
    const PyMemberDef* m = descr->d_member;
    if (descr->d_common.d_type != cls || m->type != T_OBJECT_EX ||
        (m->flags & READONLY) != 0 || m->offset <= 0 ||
        m->offset + static_cast<Py_ssize_t>(sizeof(PyObject*)) >
            cls->tp_basicsize)
      return {};
    out.push_back(m->offset);
  }
  return out;
}

}  // namespace

py::object make(kind_id id, py::object* values, std::size_t n) {
  const kind& k = get(id);
  if (n != k.fields.size())
    throw std::logic_error(std::string("aptparse._core: wrong field count "
                                       "for ") +
                           k.python_name);
  auto* type = reinterpret_cast<PyTypeObject*>(k.cls);
  if (!k.offsets.empty()) {
    // The slots are NULL until stored, which the type's traverse and
    // dealloc accept, so the GC may see the instance meanwhile.
    PyObject* obj = type->tp_alloc(type, 0);
    if (!obj) throw py::error_already_set();
    auto slot = [&](std::size_t i) -> PyObject*& {
      return *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) +
                                           k.offsets[i]);
    };
    for (std::size_t i = 0; i < n; ++i) slot(i) = values[i].release().ptr();
    untrack_if_leaf(obj, n, slot);
    return py::reinterpret_steal<py::object>(obj);
  }
  static PyObject* empty = PyTuple_New(0);
  py::object obj = py::reinterpret_steal<py::object>(
      PyBaseObject_Type.tp_new(type, empty, nullptr));
  if (!obj) throw py::error_already_set();
  for (std::size_t i = 0; i < n; ++i)
    if (PyObject_GenericSetAttr(obj.ptr(), k.names[i], values[i].ptr()) != 0)
      throw py::error_already_set();
  return obj;
}

const py::object& lazy_class() {
  if (!lazy_class_slot()) not_registered();
  return lazy_class_slot();
}

void set_types(const py::kwargs& classes) {
  for (kind& k : kinds()) {
    if (!classes.contains(k.python_name))
      throw py::type_error(std::string("_set_types: missing ") + k.python_name);
    py::object cls = classes[k.python_name];
    if (!PyType_Check(cls.ptr()))
      throw py::type_error(std::string("_set_types: ") + k.python_name +
                           " is not a class");
    py::object fields = py::module_::import("dataclasses").attr("fields")(cls);
    std::vector<std::string> have;
    for (py::handle f : fields)
      have.push_back(f.attr("name").cast<std::string>());
    if (have != std::vector<std::string>(k.fields.begin(), k.fields.end()))
      throw py::type_error(std::string("_set_types: the fields of ") +
                           k.python_name + " do not match the C++ module");
    Py_XDECREF(k.cls);
    k.cls = cls.inc_ref().ptr();
    k.names.clear();
    for (const char* f : k.fields)
      k.names.push_back(PyUnicode_InternFromString(f));
    k.offsets = slot_offsets(reinterpret_cast<PyTypeObject*>(k.cls), k.fields);
  }
  const kind& package = kinds()[k_package];
  make_fields_lazy(package.cls, package.names, package.offsets);
  if (!classes.contains("LazyTransactions"))
    throw py::type_error("_set_types: missing LazyTransactions");
  lazy_class_slot() = classes["LazyTransactions"];
  enum_names& e = enums();
  auto intern = [](std::string_view s) {
    return py::reinterpret_steal<py::object>(
        PyUnicode_InternFromString(std::string(s).c_str()));
  };
  e.reason.clear();
  for (auto r : {aptparse::hold_reason::none, aptparse::hold_reason::kept_back,
                 aptparse::hold_reason::phasing, aptparse::hold_reason::held})
    e.reason.push_back(intern(aptparse::reason_name(r)));
  e.verdict.clear();
  for (auto v : {aptparse::consistency_verdict::consistent,
                 aptparse::consistency_verdict::inconsistent,
                 aptparse::consistency_verdict::no_counts})
    e.verdict.push_back(intern(aptparse::verdict_name(v)));
  e.level.clear();
  for (auto l :
       {aptparse::message_level::error, aptparse::message_level::warning,
        aptparse::message_level::notice, aptparse::message_level::audit})
    e.level.push_back(intern(aptparse::level_name(l)));
  // Indexed by the code's number, which skips retired ones (8).
  std::size_t codes = 0;
#define APTPARSE_PY_CODE(name, number, message) \
  codes = std::max<std::size_t>(codes, number + 1);
  APTPARSE_ERRC_MAP(APTPARSE_PY_CODE)
#undef APTPARSE_PY_CODE
  e.code.assign(codes, py::none());
#define APTPARSE_PY_CODE(name, number, message) \
  e.code[number] = intern(aptparse::error_name(aptparse::errc::name));
  APTPARSE_ERRC_MAP(APTPARSE_PY_CODE)
#undef APTPARSE_PY_CODE
}

}  // namespace aptparse_py

#include "convert.h"

#include <structmember.h>  // PyMemberDef, T_OBJECT_EX (Python.h from 3.12)

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <stdexcept>
#include <vector>

#include "lazy_transactions.h"

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

// The fields of Counts, Sizes and Stats and the set fields of Transaction are
// named as the library names them (events.h, stats.h); _set_types() checks
// that _model.py agrees.
#define APTPARSE_PY_COUNT_NAME(name, check) #name,
#define APTPARSE_PY_SET_NAME(name) #name,
#define APTPARSE_PY_SIZE_NAME(type, name) #name,
#define APTPARSE_PY_STATS_NAME(name) #name,
std::array<kind, k_count>& kinds() {
  static std::array<kind, k_count> k = {{
      {"Package",
       {"name", "arch", "old", "new", "origins", "note", "alternatives",
        "reason", "purge", "automatic", "simulated", "suite", "security",
        "upgradable", "installed", "local", "residual_config",
        "auto_removable"}},
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

const py::object& lazy_class() {
  if (!lazy_class_slot()) not_registered();
  return lazy_class_slot();
}

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

// Makes an instance of kind `id` from its n field values, in order (moved
// from: their references go into the instance).
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

// The offsets of the slots of `cls` named `fields`, or none unless every
// field is a plain object slot of `cls` itself (a PyMemberDescr of type
// T_OBJECT_EX, writable), as dataclass(slots=True) makes them.
std::vector<Py_ssize_t> slot_offsets(PyTypeObject* cls,
                                     const std::vector<const char*>& fields) {
  std::vector<Py_ssize_t> out;
  for (const char* f : fields) {
    PyObject* d = PyDict_GetItemString(cls->tp_dict, f);  // borrowed
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

template <class... A>
py::object make_of(kind_id id, A&&... values) {
  py::object v[] = {py::object(std::forward<A>(values))...};
  return make(id, v, sizeof...(A));
}

// The str of a package's field, through a cache: names, arches, versions
// and origins repeat across the packages of a log, and a hit costs a hash
// and a memcmp instead of a decode and an allocation. Direct-mapped and
// bounded (kSlots strings of at most kMaxLen bytes, about 56 KB and the
// strs), it lives as long as the module; the GIL guards it.
class str_cache {
 public:
  py::object get(std::string_view s) {
    if (s.empty() || s.size() > kMaxLen) return text(s);
    slot& e = slots_[std::hash<std::string_view>{}(s) & (kSlots - 1)];
    if (e.str != nullptr && e.len == s.size() &&
        std::memcmp(e.bytes, s.data(), s.size()) == 0)
      return py::reinterpret_borrow<py::object>(e.str);
    py::object r = text(s);
    Py_XSETREF(e.str, r.inc_ref().ptr());
    e.len = static_cast<std::uint8_t>(s.size());
    std::memcpy(e.bytes, s.data(), s.size());
    return r;
  }

 private:
  static constexpr std::size_t kSlots = 1024;  // a power of two
  static constexpr std::size_t kMaxLen = 47;
  struct slot {
    PyObject* str = nullptr;
    std::uint8_t len = 0;
    char bytes[kMaxLen];
  };
  std::array<slot, kSlots> slots_{};
};

}  // namespace

py::object cached_text(std::string_view s) {
  static str_cache* cache = new str_cache();  // leaked: lives until exit
  return cache->get(s);
}

namespace {

py::object u64(std::uint64_t v) {
  return py::reinterpret_steal<py::object>(PyLong_FromUnsignedLongLong(v));
}
py::object i64(std::int64_t v) {
  return py::reinterpret_steal<py::object>(PyLong_FromLongLong(v));
}
py::object boolean(bool b) { return py::bool_(b); }

py::object opt_text(const std::optional<std::string>& s) {
  return s ? text(*s) : py::none();
}

// An ISO 8601 time of the report ("YYYY-MM-DDTHH:MM:SS", maybe with a UTC
// offset) as a datetime, naive or aware as the string is.
py::object opt_datetime(const std::optional<std::string>& s) {
  if (!s) return py::none();
  static py::object* from_iso = new py::object(  // leaked: lives until exit
      py::module_::import("datetime").attr("datetime").attr("fromisoformat"));
  return (*from_iso)(text(*s));
}

template <class T>
py::object opt(const std::optional<T>& v) {
  if (!v) return py::none();
  if constexpr (std::is_signed_v<T>)
    return i64(*v);
  else
    return u64(*v);
}

template <class T, class F>
py::object tuple_of(const std::vector<T>& v, F&& f) {
  py::tuple t(v.size());
  for (std::size_t i = 0; i < v.size(); ++i)
    PyTuple_SET_ITEM(t.ptr(), i, f(v[i]).release().ptr());
  untrack_if_leaf(t.ptr(), v.size(),
                  [&](std::size_t i) { return PyTuple_GET_ITEM(t.ptr(), i); });
  return t;
}

template <class S>  // std::string or std::string_view
py::object strings(const std::vector<S>& v) {
  return tuple_of(v, [](std::string_view s) { return text(s); });
}

py::object package_to_py(const aptparse::package& p) {
  py::object alternatives = tuple_of(p.alternatives, cached_text);
  py::object v[] = {cached_text(p.name),
                    cached_text(p.arch),
                    cached_text(p.old_version),
                    cached_text(p.new_version),
                    cached_text(p.origins),
                    cached_text(p.note),
                    std::move(alternatives),
                    enums().reason[static_cast<int>(p.reason)],
                    boolean(p.purge),
                    boolean(p.automatic),
                    boolean(p.simulated),
                    cached_text(p.suite),
                    p.security ? boolean(*p.security) : py::none(),
                    boolean(p.upgradable),
                    boolean(p.installed),
                    boolean(p.local),
                    boolean(p.residual_config),
                    boolean(p.auto_removable)};
  return make(k_package, v, std::size(v));
}

py::object message_to_py(const aptparse::message& m) {
  return make_of(k_message, enums().level[static_cast<int>(m.level)],
                 text(m.text), u64(m.where.line), u64(m.where.offset));
}

py::object unrecognized_to_py(const aptparse::unrecognized_line& u) {
  return make_of(k_unrecognized, u64(u.where.line), u64(u.where.offset),
                 text(u.text));
}

py::object diagnostic_to_py(const aptparse::diagnostic& d) {
  return make_of(k_diagnostic, enums().code[static_cast<int>(d.code)],
                 u64(d.where.line), u64(d.where.offset), u64(d.dropped));
}

constexpr std::size_t kSets = aptparse::pkg_set_count;

// transaction_span::prefix (the CI line prefix) exists in newer versions of
// the library; these compile either way.
template <class Span>
py::object prefix_to_py(const Span& span) {
  if constexpr (requires { span.prefix; }) {
    return text(prefix_name(span.prefix));
  } else {
    return text("");
  }
}

// Pauses the cyclic GC while results are converted: making hundreds of
// thousands of tracked objects otherwise triggers many useless collections
// (measured: 35-45% of the conversion time). No Python code runs meanwhile
// (no finalizer can: nothing is collected), so the GIL is never given up
// and no other thread sees the pause. Pauses nest.
class gc_pause {
 public:
  gc_pause() : was_enabled_(PyGC_Disable() == 1) {}
  ~gc_pause() {
    if (was_enabled_) PyGC_Enable();
  }
  gc_pause(const gc_pause&) = delete;
  gc_pause& operator=(const gc_pause&) = delete;

 private:
  bool was_enabled_;
};

}  // namespace

py::object text(std::string_view s) {
  PyObject* r = PyUnicode_DecodeUTF8(
      s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
  if (!r) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(r);
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

py::object to_py(const aptparse::transaction& t) {
  gc_pause pause;
  std::array<py::object, kSets + 22> v;
  std::size_t i = 0;
  for (; i < kSets; ++i)
    v[i] = tuple_of(t.set(static_cast<aptparse::pkg_set>(i)), package_to_py);
  if (t.counts) {
    const aptparse::counts& c = *t.counts;
#define APTPARSE_PY_COUNT(name, check) u64(c.name),
    py::object n[] = {APTPARSE_COUNT_MAP(APTPARSE_PY_COUNT)};
#undef APTPARSE_PY_COUNT
    v[i++] = make(k_counts, n, std::size(n));
  } else {
    v[i++] = py::none();
  }
  v[i++] = make_of(
      k_consistency, enums().verdict[static_cast<int>(t.consistency.verdict)],
      strings(t.consistency.mismatches), strings(t.consistency.unverifiable));
#define APTPARSE_PY_SIZE(type, name) , opt(t.sizes.name)
  v[i++] = make_of(k_sizes APTPARSE_SIZE_MAP(APTPARSE_PY_SIZE));
#undef APTPARSE_PY_SIZE
  v[i++] = tuple_of(t.messages, message_to_py);
  v[i++] = u64(t.unrecognized_count);
  v[i++] = tuple_of(t.unrecognized, unrecognized_to_py);
  v[i++] = tuple_of(t.diagnostics, diagnostic_to_py);
  v[i++] = u64(t.span.first.line);
  v[i++] = u64(t.span.last.line);
  v[i++] = u64(t.span.first.offset);
  v[i++] = u64(t.span.last.offset);
  v[i++] = u64(t.span.end_offset);
  v[i++] = boolean(t.span.complete);
  v[i++] = prefix_to_py(t.span);
  v[i++] = text(record_kind_name(t.kind));
  v[i++] = u64(t.security_count);
  v[i++] = opt_datetime(t.start);
  v[i++] = opt_datetime(t.end);
  v[i++] = opt_text(t.command);
  v[i++] = opt_text(t.requested_by_user);
  v[i++] = t.requested_by_uid ? u64(*t.requested_by_uid) : py::none();
  v[i++] = opt_text(t.error);
  return make(k_transaction, v.data(), i);
}

py::list transactions_to_py(const std::vector<aptparse::transaction>& ts) {
  gc_pause pause;
  py::list out(ts.size());
  for (std::size_t i = 0; i < ts.size(); ++i)
    PyList_SET_ITEM(out.ptr(), i, to_py(ts[i]).release().ptr());
  return out;
}

py::object to_py(const aptparse::parse_stats& s) {
#define APTPARSE_PY_STAT(name) u64(s.name),
  py::object n[] = {APTPARSE_STATS_MAP(APTPARSE_PY_STAT)};
#undef APTPARSE_PY_STAT
  return make(k_stats, n, std::size(n));
}

py::object status_to_py(const aptparse::status& s) {
  if (s.ok()) return py::none();
  return make_of(k_status, enums().code[static_cast<int>(s.code)],
                 u64(s.where.line), u64(s.where.offset));
}

py::object report_to_py(std::shared_ptr<const aptparse::report> r) {
  // The sequence shares the report (an aliasing pointer to its vector).
  py::object ts = lazy_class()(make_lazy_transactions(
      std::shared_ptr<const std::vector<aptparse::transaction>>(
          r, &r->transactions)));
  return make_of(k_report, std::move(ts), u64(r->unrecognized_count),
                 tuple_of(r->unrecognized, unrecognized_to_py),
                 tuple_of(r->diagnostics, diagnostic_to_py),
                 u64(r->dropped_transactions), to_py(r->stats),
                 status_to_py(r->error));
}

}  // namespace aptparse_py

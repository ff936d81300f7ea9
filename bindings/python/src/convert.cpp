// C++ -> Python: the results as instances of the classes of
// aptparse/_model.py (made as result_types.h says).
#include "convert.h"

#include <array>
#include <exception>
#include <string_view>
#include <vector>

#include "lazy_packages.h"
#include "lazy_transactions.h"
#include "package_fields.h"
#include "str_cache.h"

namespace aptparse_py {

namespace {

py::object u64(std::uint64_t v) {
  return py::reinterpret_steal<py::object>(PyLong_FromUnsignedLongLong(v));
}
py::object i64(std::int64_t v) {
  return py::reinterpret_steal<py::object>(PyLong_FromLongLong(v));
}
py::object boolean(bool b) { return py::bool_(b); }

py::object opt_text(const std::optional<std::string_view>& s) {
  return s ? text(*s) : py::none();
}

// An ISO 8601 time of the report ("YYYY-MM-DDTHH:MM:SS", maybe with a UTC
// offset) as a datetime, naive or aware as the string is.
py::object opt_datetime(const std::optional<std::string_view>& s) {
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

// The value of each field of a Package, in order (package_fields.h).
using field_maker = py::object (*)(const aptparse::package&);
#define APTPARSE_PY_FIELD_MAKER(field, value) \
  [](const aptparse::package& p) -> py::object { return value; },
#define APTPARSE_PY_TEXT_MAKER(field, member) \
  APTPARSE_PY_FIELD_MAKER(field, cached_text(p.member))
const field_maker kPackageFields[] = {APTPARSE_PY_PACKAGE_FIELDS(
    APTPARSE_PY_FIELD_MAKER, APTPARSE_PY_TEXT_MAKER)};
#undef APTPARSE_PY_TEXT_MAKER
#undef APTPARSE_PY_FIELD_MAKER
static_assert(std::size(kPackageFields) == package_field_count);

// The member of aptparse::package that field i is the str of, or null
// when field i is not a text field.
using text_member = std::string_view aptparse::package::*;
#define APTPARSE_PY_NOT_TEXT(field, value) nullptr,
#define APTPARSE_PY_TEXT(field, member) &aptparse::package::member,
constexpr text_member kTextMembers[] = {
    APTPARSE_PY_PACKAGE_FIELDS(APTPARSE_PY_NOT_TEXT, APTPARSE_PY_TEXT)};
#undef APTPARSE_PY_TEXT
#undef APTPARSE_PY_NOT_TEXT

}  // namespace

// A text field (the name: most reads) is the str cache's inline hit, not a
// py::object maker: their call and result cost as much as the hit.
PyObject* package_field(const aptparse::package& p, std::size_t i) noexcept {
  if (const text_member m = kTextMembers[i]) return str_cache::get(p.*m);
  try {
    return kPackageFields[i](p).release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

namespace {

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

py::object to_py(const std::shared_ptr<const transaction_vector>& ts,
                 std::size_t at) {
  static PyObject* no_packages = PyTuple_New(0);  // leaked: lives until exit
  const aptparse::transaction& t = (*ts)[at];
  gc_pause pause;
  std::array<py::object, kSets + 22> v;
  std::size_t i = 0;
  for (; i < kSets; ++i) {
    const auto set = t.set(static_cast<aptparse::pkg_set>(i));
    v[i] = set.empty() ? py::reinterpret_borrow<py::object>(no_packages)
                       : make_packages(ts, set);
  }
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

py::list transactions_to_py(transaction_vector&& ts) {
  auto shared = std::make_shared<const transaction_vector>(std::move(ts));
  gc_pause pause;
  py::list out(shared->size());
  for (std::size_t i = 0; i < shared->size(); ++i)
    PyList_SET_ITEM(out.ptr(), i, to_py(shared, i).release().ptr());
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

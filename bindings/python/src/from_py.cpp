// Python -> C++: a Transaction back into aptparse::transaction (to_json
// uses the C++ writer), the bytes of str and buffer arguments, and the
// options. The other direction is convert.cpp.
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "convert.h"
#include "lazy_packages.h"

namespace aptparse_py {
namespace {

template <class Span>
void set_prefix(Span& span, py::handle name) {
  const std::string want = bytes_from_py(name, "line_prefix");
  if constexpr (requires { span.prefix; }) {
    using E = decltype(span.prefix);
    span.prefix = E{};
    if (want.empty()) return;
    for (int i = 1; i < 64; ++i) {
      if (prefix_name(static_cast<E>(i)) == want) {
        span.prefix = static_cast<E>(i);
        return;
      }
    }
    throw py::value_error("unknown line_prefix '" + want + "'");
  } else {
    if (!want.empty())
      throw py::value_error("this aptparse build knows no line prefixes");
  }
}

py::object attr(py::handle o, const char* name) {
  return py::reinterpret_steal<py::object>([&] {
    PyObject* r = PyObject_GetAttrString(o.ptr(), name);
    if (!r) throw py::error_already_set();
    return r;
  }());
}

std::uint64_t u64_of(py::handle o, const char* what) {
  unsigned long long v = PyLong_AsUnsignedLongLong(o.ptr());
  if (v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
    PyErr_Clear();
    throw py::type_error(
        std::string(what) + " must be a non-negative int, not " +
        std::string(py::str(py::type::of(o).attr("__name__"))));
  }
  return v;
}

std::int64_t i64_of(py::handle o, const char* what) {
  long long v = PyLong_AsLongLong(o.ptr());
  if (v == -1 && PyErr_Occurred()) {
    PyErr_Clear();
    throw py::type_error(std::string(what) + " must be an int");
  }
  return v;
}

template <class E>
E enum_of(py::handle o, const std::vector<py::object>& names,
          const char* what) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    int eq = PyObject_RichCompareBool(o.ptr(), names[i].ptr(), Py_EQ);
    if (eq < 0) throw py::error_already_set();
    if (eq) return static_cast<E>(i);
  }
  throw py::value_error(std::string("unknown ") + what + " " +
                        std::string(py::repr(o)));
}

std::vector<std::string> strings_of(py::handle o, const char* what) {
  std::vector<std::string> out;
  for (py::handle item : o) out.push_back(bytes_from_py(item, what));
  return out;
}

// A package's strings are views, so their bytes are saved in the
// transaction's arena.
std::string_view saved(aptparse::string_arena& arena, py::handle o,
                       const char* what) {
  return aptparse::save_string(arena, bytes_from_py(o, what));
}

// A C++ package of a Packages (lazy_packages.h), its strings saved in
// `arena`: no Package object is made.
aptparse::package package_copy(const aptparse::package& from,
                               aptparse::string_arena& arena) {
  aptparse::package p = from;
  for (std::string_view* s : {&p.name, &p.arch, &p.old_version, &p.new_version,
                              &p.origins, &p.note, &p.suite})
    *s = aptparse::save_string(arena, *s);
  for (std::string_view& alt : p.alternatives)
    alt = aptparse::save_string(arena, alt);
  return p;
}

aptparse::package package_of(py::handle o, aptparse::string_arena& arena) {
  aptparse::package p;
  p.name = saved(arena, attr(o, "name"), "Package.name");
  p.arch = saved(arena, attr(o, "arch"), "Package.arch");
  p.old_version = saved(arena, attr(o, "old"), "Package.old");
  p.new_version = saved(arena, attr(o, "new"), "Package.new");
  p.origins = saved(arena, attr(o, "origins"), "Package.origins");
  p.note = saved(arena, attr(o, "note"), "Package.note");
  for (py::handle alt : attr(o, "alternatives"))
    p.alternatives.push_back(saved(arena, alt, "Package.alternatives"));
  p.reason = enum_of<aptparse::hold_reason>(attr(o, "reason"), enums().reason,
                                            "reason");
  p.purge = attr(o, "purge").cast<bool>();
  p.automatic = attr(o, "automatic").cast<bool>();
  p.simulated = attr(o, "simulated").cast<bool>();
  p.suite = saved(arena, attr(o, "suite"), "Package.suite");
  py::object security = attr(o, "security");
  if (!security.is_none()) p.security = security.cast<bool>();
  p.upgradable = attr(o, "upgradable").cast<bool>();
  p.installed = attr(o, "installed").cast<bool>();
  p.local = attr(o, "local").cast<bool>();
  p.residual_config = attr(o, "residual_config").cast<bool>();
  p.auto_removable = attr(o, "auto_removable").cast<bool>();
  return p;
}

template <class T>
std::optional<T> opt_of(py::handle o, const char* what) {
  if (o.is_none()) return std::nullopt;
  if constexpr (std::is_signed_v<T>)
    return i64_of(o, what);
  else
    return u64_of(o, what);
}

// `text` saved in `arena` (the transaction's log fields view it).
std::optional<std::string_view> saved(const std::optional<std::string>& text,
                                      aptparse::string_arena& arena) {
  if (!text) return std::nullopt;
  return aptparse::save_string(arena, *text);
}

std::optional<std::string> opt_string_of(py::handle o, const char* what) {
  if (o.is_none()) return std::nullopt;
  return bytes_from_py(o, what);
}

// A datetime back to the report's ISO 8601 string (whole seconds, with
// the UTC offset of an aware one).
std::optional<std::string> opt_time_of(py::handle o) {
  if (o.is_none()) return std::nullopt;
  return py::str(o.attr("isoformat")("T", "seconds")).cast<std::string>();
}

}  // namespace

std::string bytes_from_py(py::handle o, const char* what) {
  if (PyUnicode_Check(o.ptr())) {
    py::object b = py::reinterpret_steal<py::object>(
        PyUnicode_AsEncodedString(o.ptr(), "utf-8", "surrogateescape"));
    if (!b) throw py::error_already_set();
    return std::string(PyBytes_AS_STRING(b.ptr()),
                       static_cast<std::size_t>(PyBytes_GET_SIZE(b.ptr())));
  }
  if (o.is_none()) return {};
  input_bytes in(o, what);
  return std::string(in.view());
}

aptparse::transaction transaction_from_py(py::handle o) {
  aptparse::transaction t;
  t.strings = aptparse::make_string_arena();
  for (int s = 0; s < aptparse::pkg_set_count; ++s) {
    const auto which = static_cast<aptparse::pkg_set>(s);
    // The Transaction's set fields are named as the library names the sets.
    const std::string field(aptparse::set_name(which));
    py::object value = attr(o, field.c_str());
    if (const auto* lazy = packages_of(value.ptr())) {
      for (const aptparse::package& p : *lazy)
        t.add(which, package_copy(p, *t.strings));
      continue;
    }
    for (py::handle p : value) t.add(which, package_of(p, *t.strings));
  }
  set_prefix(t.span, attr(o, "line_prefix"));
  const std::string kind = bytes_from_py(attr(o, "kind"), "kind");
  if (kind == aptparse::record_kind_name(aptparse::record_kind::listing)) {
    t.kind = aptparse::record_kind::listing;
  } else if (kind !=
             aptparse::record_kind_name(aptparse::record_kind::transaction)) {
    throw py::value_error("unknown kind '" + kind + "'");
  }
  t.security_count = u64_of(attr(o, "security_count"), "security_count");
  py::object c = attr(o, "counts");
  if (!c.is_none()) {
    aptparse::counts n;
#define APTPARSE_PY_COUNT(name, check) \
  n.name = u64_of(attr(c, #name), "Counts." #name);
    APTPARSE_COUNT_MAP(APTPARSE_PY_COUNT)
#undef APTPARSE_PY_COUNT
    t.counts = n;
  }
  py::object cons = attr(o, "consistency");
  t.consistency.verdict = enum_of<aptparse::consistency_verdict>(
      attr(cons, "verdict"), enums().verdict, "verdict");
  t.consistency.mismatches = strings_of(attr(cons, "mismatches"), "mismatches");
  t.consistency.unverifiable =
      strings_of(attr(cons, "unverifiable"), "unverifiable");
  py::object z = attr(o, "sizes");
#define APTPARSE_PY_SIZE(type, name) \
  t.sizes.name = opt_of<type>(attr(z, #name), "Sizes." #name);
  APTPARSE_SIZE_MAP(APTPARSE_PY_SIZE)
#undef APTPARSE_PY_SIZE
  for (py::handle m : attr(o, "messages")) {
    aptparse::message msg;
    msg.level = enum_of<aptparse::message_level>(
        attr(m, "level"), enums().level, "message level");
    msg.text = bytes_from_py(attr(m, "text"), "Message.text");
    msg.where.line = u64_of(attr(m, "line"), "Message.line");
    msg.where.offset = u64_of(attr(m, "offset"), "Message.offset");
    t.messages.push_back(std::move(msg));
  }
  t.unrecognized_count =
      u64_of(attr(o, "unrecognized_count"), "unrecognized_count");
  for (py::handle u : attr(o, "unrecognized")) {
    aptparse::unrecognized_line line;
    line.where.line = u64_of(attr(u, "line"), "Unrecognized.line");
    line.where.offset = u64_of(attr(u, "offset"), "Unrecognized.offset");
    line.text = bytes_from_py(attr(u, "text"), "Unrecognized.text");
    t.unrecognized.push_back(std::move(line));
  }
  for (py::handle d : attr(o, "diagnostics")) {
    aptparse::diagnostic diag;
    diag.code = enum_of<aptparse::errc>(attr(d, "code"), enums().code,
                                        "diagnostic code");
    diag.where.line = u64_of(attr(d, "line"), "Diagnostic.line");
    diag.where.offset = u64_of(attr(d, "offset"), "Diagnostic.offset");
    diag.dropped = u64_of(attr(d, "dropped"), "Diagnostic.dropped");
    t.diagnostics.push_back(diag);
  }
  t.span.first.line = u64_of(attr(o, "first_line"), "first_line");
  t.span.last.line = u64_of(attr(o, "last_line"), "last_line");
  t.span.first.offset = u64_of(attr(o, "first_offset"), "first_offset");
  t.span.last.offset = u64_of(attr(o, "last_offset"), "last_offset");
  t.span.end_offset = u64_of(attr(o, "end_offset"), "end_offset");
  t.span.complete = attr(o, "complete").cast<bool>();
  aptparse::string_arena& arena = *t.strings;
  t.start = saved(opt_time_of(attr(o, "start")), arena);
  t.end = saved(opt_time_of(attr(o, "end")), arena);
  t.command = saved(opt_string_of(attr(o, "command"), "command"), arena);
  t.requested_by_user = saved(
      opt_string_of(attr(o, "requested_by_user"), "requested_by_user"), arena);
  py::object uid = attr(o, "requested_by_uid");
  if (!uid.is_none())
    t.requested_by_uid =
        static_cast<std::uint32_t>(u64_of(uid, "requested_by_uid"));
  t.error = saved(opt_string_of(attr(o, "error"), "error"), arena);
  return t;
}

input_bytes::input_bytes(py::handle obj, const char* what) {
  PyObject* o = obj.ptr();
  if (PyUnicode_Check(o)) {
    if (PyUnicode_IS_ASCII(o)) {
      // ASCII str: its UTF-8 is its own data, no copy.
      Py_ssize_t n = 0;
      const char* p = PyUnicode_AsUTF8AndSize(o, &n);
      if (!p) throw py::error_already_set();
      keep_ = py::reinterpret_borrow<py::object>(obj);
      view_ = std::string_view(p, static_cast<std::size_t>(n));
      return;
    }
    keep_ = py::reinterpret_steal<py::object>(
        PyUnicode_AsEncodedString(o, "utf-8", "surrogateescape"));
    if (!keep_) throw py::error_already_set();
    view_ = std::string_view(
        PyBytes_AS_STRING(keep_.ptr()),
        static_cast<std::size_t>(PyBytes_GET_SIZE(keep_.ptr())));
    return;
  }
  if (!PyObject_CheckBuffer(o)) {
    throw py::type_error(
        std::string(what) +
        "() argument must be str or a bytes-like object (bytes, bytearray, "
        "memoryview), not " +
        Py_TYPE(o)->tp_name);
  }
  if (PyObject_GetBuffer(o, &buffer_, PyBUF_SIMPLE) != 0) {
    // A non-contiguous memoryview, say.
    PyErr_Clear();
    throw py::value_error(std::string(what) +
                          "() argument must be a C-contiguous buffer");
  }
  has_buffer_ = true;
  view_ = std::string_view(static_cast<const char*>(buffer_.buf),
                           static_cast<std::size_t>(buffer_.len));
}

input_bytes::~input_bytes() {
  if (has_buffer_) PyBuffer_Release(&buffer_);
}

}  // namespace aptparse_py

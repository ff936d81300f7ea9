#include "column_builder.h"

#include <chrono>
#include <memory>

#include "convert.h"

namespace aptparse_py {
namespace {

// Digits [from, from + n) of `s` as a number, or -1.
int digits(std::string_view s, std::size_t from, std::size_t n) {
  int v = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// A column's buffer handed to Python without a copy: it owns the C++
// container, exposes its bytes (buffer protocol) to pa.py_buffer, and
// lives as long as the Arrow array that wraps it.
struct owned_buffer {
  std::shared_ptr<const void> keep;
  const void* data;
  std::size_t size;
};

template <class C>
py::object owned(C&& c, std::size_t size) {
  if (size == 0) return py::bytes();  // an empty container may have no data
  auto kept = std::make_shared<const C>(std::forward<C>(c));
  return py::cast(owned_buffer{kept, kept->data(), size});
}

template <class T>
py::object owned_vector(std::vector<T>&& v) {
  const std::size_t size = v.size() * sizeof(T);
  return owned(std::move(v), size);
}

}  // namespace

const char* kind_name(col_kind k) {
  switch (k) {
    case col_kind::string:
      return "string";
    case col_kind::category:
      return "category";
    case col_kind::int64:
      return "int64";
    case col_kind::boolean:
      return "bool";
    case col_kind::timestamp:
      return "timestamp";
  }
  return "?";
}

std::optional<std::pair<std::int64_t, bool>> parse_time(std::string_view s) {
  namespace c = std::chrono;
  const int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  const int h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
      s[13] != ':' || s[16] != ':' || (y | mo | d | h | mi | se) < 0)
    return std::nullopt;
  const c::year_month_day ymd{c::year(y), c::month(static_cast<unsigned>(mo)),
                              c::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  std::int64_t t = c::sys_days(ymd).time_since_epoch().count() * 86400LL +
                   h * 3600 + mi * 60 + se;
  const std::string_view rest = s.substr(19);
  if (rest.empty()) return std::pair{t, false};
  if (rest == "Z") return std::pair{t, true};
  const int oh = digits(rest, 1, 2), om = digits(rest, 4, 2);
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') ||
      rest[3] != ':' || (oh | om) < 0)
    return std::nullopt;
  const int offset = (oh * 3600 + om * 60) * (rest[0] == '-' ? -1 : 1);
  return std::pair{t - offset, true};
}

void register_owned_buffer(py::module_& m) {
  py::class_<owned_buffer>(m, "_OwnedBuffer", py::buffer_protocol(),
                           "A records column's buffer (bytes, read-only).")
      .def_buffer([](const owned_buffer& b) {
        return py::buffer_info(const_cast<void*>(b.data), 1,
                               py::format_descriptor<std::uint8_t>::format(),
                               static_cast<py::ssize_t>(b.size), true);
      });
}

column_builder::column_builder(col_kind kind, bool arrow, domain values)
    : kind_(kind), arrow_(arrow) {
  if (values != nullptr)
    for (std::string_view v : values()) code_of(v);
}

void column_builder::reserve(std::size_t rows) {
  if (!arrow_) return;
  if (kind_ == col_kind::string) {
    offsets_.reserve(rows + 1);
    // A guess at the text: pages that stay unused are never touched.
    data_.reserve(rows * 32);
  }
  if (kind_ == col_kind::category) codes_.reserve(rows);
  if (kind_ == col_kind::int64 || kind_ == col_kind::timestamp)
    numbers_.reserve(rows);
  if (kind_ == col_kind::boolean) bits_.reserve(rows / 8 + 1);
}

py::object column_builder::finish() {
  if (!arrow_) return std::move(list_);
  py::object validity = py::none();
  const std::size_t bitmap = (n_ + 7) / 8;
  if (any_null_) validity = owned(std::move(validity_), bitmap);
  switch (kind_) {
    case col_kind::string: {
      const std::size_t size = data_.size();
      return py::make_tuple(validity, owned_vector(std::move(offsets_)),
                            owned(std::move(data_), size));
    }
    case col_kind::category:
      return py::make_tuple(validity, owned_vector(std::move(codes_)),
                            dictionary());
    case col_kind::int64:
      return py::make_tuple(validity, owned_vector(std::move(numbers_)));
    case col_kind::boolean:
      return py::make_tuple(validity, owned(std::move(bits_), bitmap));
    case col_kind::timestamp:
      return py::make_tuple(
          validity, owned_vector(std::move(numbers_)),
          zoned_ ? py::str(naive_ ? "mixed" : "UTC") : py::object(py::none()));
  }
  return py::none();
}

void column_builder::first_null() {
  // Every earlier row was valid.
  any_null_ = true;
  validity_.assign((n_ + 7) / 8, 0xff);
  if (n_ % 8)
    validity_.back() = static_cast<std::uint8_t>((1u << (n_ % 8)) - 1);
}

void column_builder::too_long() {
  throw py::value_error("records: a string column over 2 GiB");
}

std::int32_t column_builder::code_of(std::string_view s) {
  auto it = codes_of_.find(s);
  if (it != codes_of_.end()) return it->second;
  const auto code = static_cast<std::int32_t>(names_.size());
  names_.emplace_back(s);
  codes_of_.emplace(names_.back(), code);
  return code;
}

py::list column_builder::dictionary() const {
  py::list out;
  for (const std::string& s : names_) out.append(text(s));
  return out;
}

void column_builder::add_py(const cell& c) {
  if (!c.valid) {
    list_.append(py::none());
  } else if (kind_ == col_kind::category) {
    const auto code = static_cast<std::size_t>(code_of(c.text));
    while (strs_.size() <= code)  // one str per distinct value
      strs_.push_back(text(names_[strs_.size()]));
    list_.append(strs_[code]);
  } else if (kind_ == col_kind::string || kind_ == col_kind::timestamp) {
    list_.append(cached_text(c.text));
  } else if (kind_ == col_kind::boolean) {
    list_.append(py::bool_(c.number != 0));
  } else {
    list_.append(py::int_(c.number));
  }
}

}  // namespace aptparse_py

#include "records.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "aptparse/aptparse.h"
#include "convert.h"
#include "lazy_transactions.h"

namespace aptparse_py {
namespace {

// What a column holds. The names are those of _core.RECORD_COLUMNS, which
// aptparse/_records.py maps to Arrow and pandas types.
enum class col_kind : std::uint8_t {
  string,    // nullable text
  category,  // nullable text from a small set: dictionary-encoded
  int64,     // nullable integer
  boolean,   // nullable bool
  // nullable time, from ISO 8601 text "YYYY-MM-DDTHH:MM:SS" with or without
  // a UTC offset ("+01:00", "Z"): seconds since the epoch, of UTC when the
  // text has an offset, else of the naive local time as if it were UTC
  timestamp,
};

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

// Digits [from, from + n) of `s` as a number, or -1.
int digits(std::string_view s, std::size_t from, std::size_t n) {
  int v = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// An ISO 8601 time as the library writes it (report.h: transaction::start):
// (seconds since the epoch, whether the text had a UTC offset), or nullopt.
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

// One value of a row; `valid` false is a null.
struct cell {
  bool valid = false;
  std::string_view text;
  std::int64_t number = 0;
};

cell null() { return {}; }
// Empty text is "not printed" in the C++ results: null in a table.
cell str(std::string_view s) { return {!s.empty(), s, 0}; }
cell num(std::int64_t v) { return {true, {}, v}; }
cell flag(bool b) { return {true, {}, b ? 1 : 0}; }
template <class T>
cell opt_num(const std::optional<T>& v) {
  return v ? num(static_cast<std::int64_t>(*v)) : null();
}

// One input: a parsed log's transactions, and the names given to its rows.
struct part {
  const std::vector<aptparse::transaction>* ts = nullptr;
  std::optional<std::string> source, host;
};

struct txn_row {
  const part& in;
  std::size_t index;  // in in.ts
  const aptparse::transaction& t;
};

struct pkg_row {
  const txn_row& tx;
  aptparse::pkg_set set;
  const aptparse::package& p;
};

// The values a category column can take, when the library names them
// all: the dictionary then begins with them, in this order, so that every
// table (every Dask partition) has the same categories.
using domain = std::vector<std::string_view> (*)();

template <class Row>
struct column {
  const char* name;
  col_kind kind;
  cell (*get)(const Row&);
  domain values = nullptr;
};

template <class Enum, int N, std::string_view (*Name)(Enum) noexcept>
std::vector<std::string_view> names_of() {
  std::vector<std::string_view> out;
  for (int i = 0; i < N; ++i)
    if (auto n = Name(static_cast<Enum>(i)); !n.empty()) out.push_back(n);
  return out;
}
constexpr domain kSetNames =
    names_of<aptparse::pkg_set, aptparse::pkg_set_count, aptparse::set_name>;
constexpr domain kReasonNames =
    names_of<aptparse::hold_reason, 4, aptparse::reason_name>;
constexpr domain kVerdictNames =
    names_of<aptparse::consistency_verdict, 3, aptparse::verdict_name>;
constexpr domain kKindNames =
    names_of<aptparse::record_kind, 2, aptparse::record_kind_name>;

cell opt_text(const std::optional<std::string>& s) {
  return s ? cell{true, *s, 0} : null();
}
template <class N>
cell count(N n) {
  return num(static_cast<std::int64_t>(n));
}
cell opt_flag(const std::optional<bool>& b) { return b ? flag(*b) : null(); }

std::size_t count_level(const aptparse::transaction& t,
                        aptparse::message_level level) {
  std::size_t n = 0;
  for (const aptparse::message& m : t.messages) n += m.level == level;
  return n;
}

// A row's transaction and package (none for a transaction row).
const aptparse::transaction& txn_of(const txn_row& r) { return r.t; }
const aptparse::transaction& txn_of(const pkg_row& r) { return r.tx.t; }
std::nullptr_t pkg_of(const txn_row&) { return nullptr; }
const aptparse::package& pkg_of(const pkg_row& r) { return r.p; }

// A column, as one row of the tables below: its name, kind, the cell that
// `make` gives of `value` (an expression of the row `r`, its transaction
// `t` or its package `p`) and, for a category, its domain.
#define APTPARSE_PY_COLUMN(Row, name, kind, make, value, ...) \
  column<Row> {                                               \
    name, col_kind::kind,                                     \
        [](const Row& r) {                                    \
          [[maybe_unused]] const auto& t = txn_of(r);         \
          [[maybe_unused]] const auto& p = pkg_of(r);         \
          return make(value);                                 \
        },                                                    \
        __VA_ARGS__                                           \
  }
#define APTPARSE_PY_TXN(...) APTPARSE_PY_COLUMN(txn_row, __VA_ARGS__)
#define APTPARSE_PY_PKG(...) APTPARSE_PY_COLUMN(pkg_row, __VA_ARGS__)
#define APTPARSE_PY_SET_COUNT(name) \
  APTPARSE_PY_TXN("n_" #name, int64, count, t.name.size()),
#define APTPARSE_PY_SIZE_COLUMN(type, name) \
  APTPARSE_PY_TXN(#name, int64, opt_num, t.sizes.name),

// clang-format off
// The columns that both tables begin with: which transaction a row is of,
// and when and by which command it ran.
const column<txn_row> kTxnKey[] = {
    APTPARSE_PY_TXN("source", category, opt_text, r.in.source),
    APTPARSE_PY_TXN("host", category, opt_text, r.in.host),
    APTPARSE_PY_TXN("transaction", int64, count, r.index),
    APTPARSE_PY_TXN("kind", category, str, aptparse::record_kind_name(t.kind),
                    kKindNames),
    APTPARSE_PY_TXN("start", timestamp, opt_text, t.start),
    APTPARSE_PY_TXN("end", timestamp, opt_text, t.end),
    APTPARSE_PY_TXN("command", string, opt_text, t.command),
};

// The package table's own columns.
const column<pkg_row> kPackage[] = {
    APTPARSE_PY_PKG("set", category, str, aptparse::set_name(r.set), kSetNames),
    APTPARSE_PY_PKG("name", string, str, p.name),
    APTPARSE_PY_PKG("arch", category, str, p.arch),
    APTPARSE_PY_PKG("old", string, str, p.old_version),
    APTPARSE_PY_PKG("new", string, str, p.new_version),
    APTPARSE_PY_PKG("origins", string, str, p.origins),
    APTPARSE_PY_PKG("suite", string, str, p.suite),
    APTPARSE_PY_PKG("security", boolean, opt_flag, p.security),
    APTPARSE_PY_PKG("automatic", boolean, flag, p.automatic),
    APTPARSE_PY_PKG("purge", boolean, flag, p.purge),
    APTPARSE_PY_PKG("reason", category, str, aptparse::reason_name(p.reason),
                    kReasonNames),
    APTPARSE_PY_PKG("simulated", boolean, flag, p.simulated),
};

// The transaction table's own columns: the size of each package set
// (n_upgraded, ...), apt's verdict, sizes and messages, where it lies.
const column<txn_row> kTransaction[] = {
    APTPARSE_PY_TXN("requested_by_user", string, opt_text, t.requested_by_user),
    APTPARSE_PY_TXN("requested_by_uid", int64, opt_num, t.requested_by_uid),
    APTPARSE_PY_TXN("error", string, opt_text, t.error),
    APTPARSE_PY_TXN("security_count", int64, count, t.security_count),
    APTPARSE_PKG_SET_MAP(APTPARSE_PY_SET_COUNT)
    APTPARSE_PY_TXN("verdict", category, str,
                    aptparse::verdict_name(t.consistency.verdict), kVerdictNames),
    APTPARSE_SIZE_MAP(APTPARSE_PY_SIZE_COLUMN)
    APTPARSE_PY_TXN("n_errors", int64, count,
                    count_level(t, aptparse::message_level::error)),
    APTPARSE_PY_TXN("n_warnings", int64, count,
                    count_level(t, aptparse::message_level::warning)),
    APTPARSE_PY_TXN("n_messages", int64, count, t.messages.size()),
    APTPARSE_PY_TXN("n_unrecognized", int64, count, t.unrecognized_count),
    APTPARSE_PY_TXN("n_diagnostics", int64, count, t.diagnostics.size()),
    APTPARSE_PY_TXN("complete", boolean, flag, t.span.complete),
    APTPARSE_PY_TXN("first_line", int64, count, t.span.first.line),
    APTPARSE_PY_TXN("last_line", int64, count, t.span.last.line),
    APTPARSE_PY_TXN("first_offset", int64, count, t.span.first.offset),
    APTPARSE_PY_TXN("end_offset", int64, count, t.span.end_offset),
};
// clang-format on
#undef APTPARSE_PY_SIZE_COLUMN
#undef APTPARSE_PY_SET_COUNT
#undef APTPARSE_PY_PKG
#undef APTPARSE_PY_TXN
#undef APTPARSE_PY_COLUMN

struct sv_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};

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

// Collects one column's cells, as Arrow buffers or as a Python list.
class column_builder {
 public:
  column_builder(col_kind kind, bool arrow, domain values)
      : kind_(kind), arrow_(arrow) {
    if (values != nullptr)
      for (std::string_view v : values()) code_of(v);
  }

  // Room for `rows` cells in the fixed-width buffers (text grows as it
  // comes): no copy of a large buffer as it grows.
  void reserve(std::size_t rows) {
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

  void add(cell c) {
    if (!arrow_) return add_py(c);
    if (kind_ == col_kind::timestamp && c.valid) {
      const auto t = cached_time(c.text);
      c.valid = t.has_value();
      if (t) {
        c.number = t->first;
        (t->second ? zoned_ : naive_) = true;
      }
    }
    set_valid(c.valid);
    switch (kind_) {
      case col_kind::string:
        if (c.valid) data_.append(c.text);
        if (data_.size() > INT32_MAX)
          throw py::value_error("records: a string column over 2 GiB");
        offsets_.push_back(static_cast<std::int32_t>(data_.size()));
        break;
      case col_kind::category:
        codes_.push_back(c.valid ? cached_code(c.text) : 0);
        break;
      case col_kind::int64:
      case col_kind::timestamp:
        numbers_.push_back(c.number);
        break;
      case col_kind::boolean:
        set_bit(bits_, n_, c.number != 0);
        break;
    }
    ++n_;
  }

  // Arrow: (validity or None, buffers...) where the buffers are, by kind,
  // string (int32 offsets, data), category (int32 codes, [dictionary str]),
  // int64 (int64 values), bool (bitmap), timestamp (int64 seconds; "UTC"
  // when the times had offsets, None when naive, "mixed"). Python: the list
  // of values (a timestamp's as its ISO text).
  py::object finish() {
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
        return py::make_tuple(validity, owned_vector(std::move(numbers_)),
                              zoned_ ? py::str(naive_ ? "mixed" : "UTC")
                                     : py::object(py::none()));
    }
    return py::none();
  }

 private:
  static void set_bit(std::vector<std::uint8_t>& bits, std::size_t i, bool v) {
    if (i / 8 >= bits.size()) bits.push_back(0);
    if (v) bits[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
  }

  void set_valid(bool valid) {
    if (!valid && !any_null_) {
      // The first null: every earlier row was valid.
      any_null_ = true;
      validity_.assign((n_ + 7) / 8, 0xff);
      if (n_ % 8)
        validity_.back() = static_cast<std::uint8_t>((1u << (n_ % 8)) - 1);
    }
    if (any_null_) set_bit(validity_, n_, valid);
  }

  // The rows of a transaction share its texts (source, host, times), and
  // the library's names are static: a text at the address and of the size
  // of the last one is the same text, whose code or time is known. (The
  // transactions do not change while a table is built.)
  bool same_as_last(std::string_view s) {
    const bool same = s.data() == last_.data() && s.size() == last_.size();
    last_ = s;
    return same;
  }
  std::int32_t cached_code(std::string_view s) {
    if (!same_as_last(s)) last_code_ = code_of(s);
    return last_code_;
  }
  std::optional<std::pair<std::int64_t, bool>> cached_time(std::string_view s) {
    if (!same_as_last(s)) last_time_ = parse_time(s);
    return last_time_;
  }

  std::int32_t code_of(std::string_view s) {
    auto it = codes_of_.find(s);
    if (it != codes_of_.end()) return it->second;
    const auto code = static_cast<std::int32_t>(names_.size());
    names_.emplace_back(s);
    codes_of_.emplace(names_.back(), code);
    return code;
  }

  py::list dictionary() const {
    py::list out;
    for (const std::string& s : names_) out.append(text(s));
    return out;
  }

  template <class T>
  static py::object owned_vector(std::vector<T>&& v) {
    const std::size_t size = v.size() * sizeof(T);
    return owned(std::move(v), size);
  }

  void add_py(const cell& c) {
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

  col_kind kind_;
  bool arrow_;
  std::size_t n_ = 0;
  bool any_null_ = false;
  bool zoned_ = false, naive_ = false;  // timestamps with, without offset
  std::vector<std::uint8_t> validity_;
  std::vector<std::int32_t> offsets_{0};
  std::string data_;
  std::vector<std::int64_t> numbers_;
  std::vector<std::uint8_t> bits_;
  std::vector<std::int32_t> codes_;
  std::vector<std::string> names_;  // the dictionary, in code order
  std::unordered_map<std::string, std::int32_t, sv_hash, std::equal_to<>>
      codes_of_;
  std::string_view last_{};  // never the address of a text: none yet
  std::int32_t last_code_ = 0;
  std::optional<std::pair<std::int64_t, bool>> last_time_;
  std::vector<py::object> strs_;
  py::list list_;
};

// A table: the key columns, then its own, each a column_builder.
template <class Row>
class table_builder {
 public:
  table_builder(std::span<const column<Row>> own, bool arrow) : own_(own) {
    for (const auto& c : kTxnKey) cols_.emplace_back(c.kind, arrow, c.values);
    for (const auto& c : own_) cols_.emplace_back(c.kind, arrow, c.values);
  }
  void reserve(std::size_t rows) {
    for (column_builder& b : cols_) b.reserve(rows);
  }
  void add(const txn_row& tx, const Row& row) {
    // The key cells: once per transaction of a part (a report given twice,
    // under two names, is two parts).
    if (&tx.t != key_of_ || &tx.in != key_in_) {
      key_of_ = &tx.t;
      key_in_ = &tx.in;
      for (std::size_t k = 0; k < std::size(kTxnKey); ++k)
        key_[k] = kTxnKey[k].get(tx);
    }
    std::size_t i = 0;
    for (const cell& c : key_) cols_[i++].add(c);
    for (const auto& c : own_) cols_[i++].add(c.get(row));
    ++rows_;
  }
  // (rows, [column, ...]).
  py::tuple finish() {
    py::list out;
    for (column_builder& b : cols_) out.append(b.finish());
    return py::make_tuple(rows_, out);
  }

 private:
  std::span<const column<Row>> own_;
  std::vector<column_builder> cols_;
  std::size_t rows_ = 0;
  const aptparse::transaction* key_of_ = nullptr;
  const part* key_in_ = nullptr;
  cell key_[std::size(kTxnKey)];
};

template <class Row>
py::tuple describe(std::span<const column<Row>> own) {
  py::list out;
  for (const auto& c : kTxnKey)
    out.append(py::make_tuple(c.name, kind_name(c.kind)));
  for (const auto& c : own)
    out.append(py::make_tuple(c.name, kind_name(c.kind)));
  return py::tuple(out);
}

std::optional<std::string> opt_str(py::handle o, const char* what) {
  if (o.is_none()) return std::nullopt;
  return bytes_from_py(o, what);
}

// The C++ transactions of each part: those of a _LazyTransactions while it
// still has them, else converted back from the Python Transactions.
std::vector<part> parts_of(
    py::handle parts, std::vector<std::vector<aptparse::transaction>>& keep) {
  std::vector<part> out;
  for (py::handle p : parts) {
    auto item = p.cast<py::tuple>();
    if (item.size() != 3)
      throw py::type_error(
          "_record_columns: parts are (transactions, source, host)");
    part in;
    py::handle src = item[0];
    if (py::isinstance<lazy_transactions>(src)) {
      auto& lazy = src.cast<lazy_transactions&>();
      in.ts = lazy.cpp();
      if (in.ts == nullptr) {
        std::vector<aptparse::transaction>& ts = keep.emplace_back();
        for (std::size_t i = 0; i < lazy.size(); ++i)
          ts.push_back(transaction_from_py(lazy.get(i)));
        in.ts = &ts;
      }
    } else {
      std::vector<aptparse::transaction>& ts = keep.emplace_back();
      for (py::handle t : src) ts.push_back(transaction_from_py(t));
      in.ts = &ts;
    }
    in.source = opt_str(item[1], "source");
    in.host = opt_str(item[2], "host");
    out.push_back(std::move(in));
  }
  return out;
}

// A table of the parts' rows: `rows(builder, tx)` adds those of each
// transaction, with the GIL released when they go to Arrow buffers (no
// Python object is made: other threads may run meanwhile).
template <class Row, class Rows>
py::tuple build(std::span<const column<Row>> own, const std::vector<part>& in,
                bool arrow, std::size_t n, Rows rows) {
  table_builder<Row> b(own, arrow);
  b.reserve(n);
  {
    std::optional<py::gil_scoped_release> nogil;
    if (arrow) nogil.emplace();
    for (const part& p : in)
      for (std::size_t i = 0; i < p.ts->size(); ++i)
        rows(b, txn_row{p, i, (*p.ts)[i]});
  }
  return b.finish();
}

std::size_t transaction_rows(const std::vector<part>& in) {
  std::size_t n = 0;
  for (const part& p : in) n += p.ts->size();
  return n;
}

std::size_t package_rows(const std::vector<part>& in) {
  std::size_t n = 0;
  for (const part& p : in)
    for (const aptparse::transaction& t : *p.ts)
      for (int s = 0; s < aptparse::pkg_set_count; ++s)
        n += t.set(static_cast<aptparse::pkg_set>(s)).size();
  return n;
}

py::tuple record_columns(py::handle parts, const std::string& table,
                         bool arrow) {
  std::vector<std::vector<aptparse::transaction>> keep;
  // Reserved so that `keep` never moves the vectors that parts point to.
  keep.reserve(static_cast<std::size_t>(py::len(parts)));
  const std::vector<part> in = parts_of(parts, keep);
  if (table == "packages")
    return build<pkg_row>(
        kPackage, in, arrow, package_rows(in), [](auto& b, const txn_row& tx) {
          for (int s = 0; s < aptparse::pkg_set_count; ++s) {
            const auto set = static_cast<aptparse::pkg_set>(s);
            for (const aptparse::package& pkg : tx.t.set(set))
              b.add(tx, pkg_row{tx, set, pkg});
          }
        });
  if (table == "transactions")
    return build<txn_row>(kTransaction, in, arrow, transaction_rows(in),
                          [](auto& b, const txn_row& tx) { b.add(tx, tx); });
  throw py::value_error("table must be 'packages' or 'transactions', not '" +
                        table + "'");
}

}  // namespace

void register_records(py::module_& m) {
  py::class_<owned_buffer>(m, "_OwnedBuffer", py::buffer_protocol(),
                           "A records column's buffer (bytes, read-only).")
      .def_buffer([](const owned_buffer& b) {
        return py::buffer_info(const_cast<void*>(b.data), 1,
                               py::format_descriptor<std::uint8_t>::format(),
                               static_cast<py::ssize_t>(b.size), true);
      });
  py::dict tables;
  tables["packages"] = describe<pkg_row>(kPackage);
  tables["transactions"] = describe<txn_row>(kTransaction);
  m.attr("RECORD_COLUMNS") = tables;
  m.def("_record_columns", &record_columns, py::arg("parts"), py::arg("table"),
        py::arg("arrow"),
        "(rows, columns) of a records table (see RECORD_COLUMNS) over parts, "
        "a list of (transactions, source, host): each column as Arrow "
        "buffers when arrow is true, else as a list.");
}

}  // namespace aptparse_py

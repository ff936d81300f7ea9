#include "records.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
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

cell opt_text(const std::optional<std::string>& s) {
  return s ? cell{true, *s, 0} : null();
}

// The columns that both tables begin with: which transaction a row is of,
// and when and by which command it ran.
const column<txn_row> kTxnKey[] = {
    {"source", col_kind::category,
     [](const txn_row& r) { return opt_text(r.in.source); }},
    {"host", col_kind::category,
     [](const txn_row& r) { return opt_text(r.in.host); }},
    {"transaction", col_kind::int64,
     [](const txn_row& r) { return num(static_cast<std::int64_t>(r.index)); }},
    {"start", col_kind::timestamp,
     [](const txn_row& r) { return opt_text(r.t.start); }},
    {"end", col_kind::timestamp,
     [](const txn_row& r) { return opt_text(r.t.end); }},
    {"command", col_kind::string,
     [](const txn_row& r) { return opt_text(r.t.command); }},
};

std::size_t count_level(const aptparse::transaction& t,
                        aptparse::message_level level) {
  std::size_t n = 0;
  for (const aptparse::message& m : t.messages) n += m.level == level;
  return n;
}

// The package table's own columns.
const column<pkg_row> kPackage[] = {
    {"set", col_kind::category,
     [](const pkg_row& r) { return str(aptparse::set_name(r.set)); },
     kSetNames},
    {"name", col_kind::string, [](const pkg_row& r) { return str(r.p.name); }},
    {"arch", col_kind::category,
     [](const pkg_row& r) { return str(r.p.arch); }},
    {"old", col_kind::string,
     [](const pkg_row& r) { return str(r.p.old_version); }},
    {"new", col_kind::string,
     [](const pkg_row& r) { return str(r.p.new_version); }},
    {"origins", col_kind::string,
     [](const pkg_row& r) { return str(r.p.origins); }},
    {"automatic", col_kind::boolean,
     [](const pkg_row& r) { return flag(r.p.automatic); }},
    {"purge", col_kind::boolean,
     [](const pkg_row& r) { return flag(r.p.purge); }},
    {"reason", col_kind::category,
     [](const pkg_row& r) { return str(aptparse::reason_name(r.p.reason)); },
     kReasonNames},
    {"simulated", col_kind::boolean,
     [](const pkg_row& r) { return flag(r.p.simulated); }},
};

// The transaction table's own columns: the size of each package set
// (n_upgraded, ...), apt's verdict, sizes and messages, where it lies.
#define APTPARSE_PY_SET_COUNT(name)                          \
  {"n_" #name, col_kind::int64, [](const txn_row& r) {       \
     return num(static_cast<std::int64_t>(r.t.name.size())); \
   }},
#define APTPARSE_PY_SIZE_COLUMN(type, name) \
  {#name, col_kind::int64,                  \
   [](const txn_row& r) { return opt_num(r.t.sizes.name); }},
const column<txn_row> kTransaction[] = {
    {"requested_by_user", col_kind::string,
     [](const txn_row& r) { return opt_text(r.t.requested_by_user); }},
    {"requested_by_uid", col_kind::int64,
     [](const txn_row& r) { return opt_num(r.t.requested_by_uid); }},
    {"error", col_kind::string,
     [](const txn_row& r) { return opt_text(r.t.error); }},
    APTPARSE_PKG_SET_MAP(APTPARSE_PY_SET_COUNT){
        "verdict", col_kind::category,
        [](const txn_row& r) {
          return str(aptparse::verdict_name(r.t.consistency.verdict));
        },
        kVerdictNames},
    APTPARSE_SIZE_MAP(APTPARSE_PY_SIZE_COLUMN){
        "n_errors", col_kind::int64,
        [](const txn_row& r) {
          return num(static_cast<std::int64_t>(
              count_level(r.t, aptparse::message_level::error)));
        }},
    {"n_warnings", col_kind::int64,
     [](const txn_row& r) {
       return num(static_cast<std::int64_t>(
           count_level(r.t, aptparse::message_level::warning)));
     }},
    {"n_messages", col_kind::int64,
     [](const txn_row& r) {
       return num(static_cast<std::int64_t>(r.t.messages.size()));
     }},
    {"n_unrecognized", col_kind::int64,
     [](const txn_row& r) {
       return num(static_cast<std::int64_t>(r.t.unrecognized_count));
     }},
    {"n_diagnostics", col_kind::int64,
     [](const txn_row& r) {
       return num(static_cast<std::int64_t>(r.t.diagnostics.size()));
     }},
    {"complete", col_kind::boolean,
     [](const txn_row& r) { return flag(r.t.span.complete); }},
    {"first_line", col_kind::int64,
     [](const txn_row& r) {
       return num(static_cast<std::int64_t>(r.t.span.first.line));
     }},
    {"last_line", col_kind::int64,
     [](const txn_row& r) {
       return num(static_cast<std::int64_t>(r.t.span.last.line));
     }},
    {"first_offset", col_kind::int64,
     [](const txn_row& r) {
       return num(static_cast<std::int64_t>(r.t.span.first.offset));
     }},
    {"end_offset", col_kind::int64,
     [](const txn_row& r) {
       return num(static_cast<std::int64_t>(r.t.span.end_offset));
     }},
};
#undef APTPARSE_PY_SIZE_COLUMN
#undef APTPARSE_PY_SET_COUNT

struct sv_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};

// Collects one column's cells, as Arrow buffers or as a Python list.
class column_builder {
 public:
  column_builder(col_kind kind, bool arrow, domain values)
      : kind_(kind), arrow_(arrow) {
    if (values != nullptr)
      for (std::string_view v : values()) code_of(v);
  }

  void add(cell c) {
    if (!arrow_) return add_py(c);
    if (kind_ == col_kind::timestamp && c.valid) {
      const auto t = parse_time(c.text);
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
        codes_.push_back(c.valid ? code_of(c.text) : 0);
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
    if (any_null_) validity = bytes_of(validity_.data(), (n_ + 7) / 8);
    switch (kind_) {
      case col_kind::string:
        return py::make_tuple(validity, bytes_of(offsets_),
                              py::bytes(data_.data(), data_.size()));
      case col_kind::category:
        return py::make_tuple(validity, bytes_of(codes_), dictionary());
      case col_kind::int64:
        return py::make_tuple(validity, bytes_of(numbers_));
      case col_kind::boolean:
        return py::make_tuple(validity, bytes_of(bits_.data(), (n_ + 7) / 8));
      case col_kind::timestamp:
        return py::make_tuple(validity, bytes_of(numbers_),
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
  static py::bytes bytes_of(const std::vector<T>& v) {
    return bytes_of(v.data(), v.size() * sizeof(T));
  }
  static py::bytes bytes_of(const void* p, std::size_t n) {
    return py::bytes(static_cast<const char*>(p), n);
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
  void add(const txn_row& tx, const Row& row) {
    std::size_t i = 0;
    for (const auto& c : kTxnKey) cols_[i++].add(c.get(tx));
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

py::tuple record_columns(py::handle parts, const std::string& table,
                         bool arrow) {
  std::vector<std::vector<aptparse::transaction>> keep;
  // Reserved so that `keep` never moves the vectors that parts point to.
  keep.reserve(static_cast<std::size_t>(py::len(parts)));
  const std::vector<part> in = parts_of(parts, keep);
  // Arrow buffers need no Python object: other threads may run meanwhile.
  std::optional<py::gil_scoped_release> nogil;
  if (table == "packages") {
    table_builder<pkg_row> b(kPackage, arrow);
    if (arrow) nogil.emplace();
    for (const part& p : in)
      for (std::size_t i = 0; i < p.ts->size(); ++i) {
        const txn_row tx{p, i, (*p.ts)[i]};
        for (int s = 0; s < aptparse::pkg_set_count; ++s) {
          const auto set = static_cast<aptparse::pkg_set>(s);
          for (const aptparse::package& pkg : tx.t.set(set))
            b.add(tx, pkg_row{tx, set, pkg});
        }
      }
    nogil.reset();
    return b.finish();
  }
  if (table == "transactions") {
    table_builder<txn_row> b(kTransaction, arrow);
    if (arrow) nogil.emplace();
    for (const part& p : in)
      for (std::size_t i = 0; i < p.ts->size(); ++i) {
        const txn_row tx{p, i, (*p.ts)[i]};
        b.add(tx, tx);
      }
    nogil.reset();
    return b.finish();
  }
  throw py::value_error("table must be 'packages' or 'transactions', not '" +
                        table + "'");
}

}  // namespace

void register_records(py::module_& m) {
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

#include "records.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "aptparse/aptparse.h"
#include "column_builder.h"
#include "convert.h"
#include "record_parts.h"

namespace aptparse_py {
namespace {

// The cells of the column tables below.
cell null() { return {}; }
// Empty text is "not printed" in the C++ results: null in a table.
cell str(std::string_view s) { return {!s.empty(), s, 0}; }
cell num(std::int64_t v) { return {true, {}, v}; }
cell flag(bool b) { return {true, {}, b ? 1 : 0}; }
template <class T>
cell opt_num(const std::optional<T>& v) {
  return v ? num(static_cast<std::int64_t>(*v)) : null();
}

// A transaction, and how many rows of the table it gives: 1 in the
// transaction table, its packages in the package table (the key columns
// repeat its cells that often).
struct txn_row {
  const part* in;
  std::size_t index;  // in in->ts
  const aptparse::transaction* t;
  std::size_t rows = 1;
};

struct pkg_row {
  const aptparse::transaction* t;
  aptparse::pkg_set set;
  const aptparse::package* p;
};

// A column: its name, its kind, the function that adds its cells of a
// block of rows to its builder, and for a category its domain.
template <class Row>
struct column {
  const char* name;
  col_kind kind;
  void (*fill)(column_builder&, std::span<const Row>);
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

cell opt_text(const std::optional<std::string_view>& s) {
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

// A row's transaction and package (none for a transaction row), and how
// many of the table's rows it stands for.
const aptparse::transaction& txn_of(const txn_row& r) { return *r.t; }
const aptparse::transaction& txn_of(const pkg_row& r) { return *r.t; }
std::nullptr_t pkg_of(const txn_row&) { return nullptr; }
const aptparse::package& pkg_of(const pkg_row& r) { return *r.p; }
std::size_t repeat(const txn_row& r) { return r.rows; }
constexpr std::size_t repeat(const pkg_row&) { return 1; }

// A column, as one row of the tables below: its name, kind, the cell that
// `make` gives of `value` (an expression of the row `r`, its transaction
// `t` or its package `p`) and, for a category, its domain. Its fill loop is
// made here, one per column, so the cell and the builder's add are inline.
#define APTPARSE_PY_COLUMN(Row, name, kind, make, value, ...) \
  column<Row> {                                               \
    name, col_kind::kind,                                     \
        [](column_builder& b, std::span<const Row> rows) {    \
          for (const Row& r : rows) {                         \
            [[maybe_unused]] const auto& t = txn_of(r);       \
            [[maybe_unused]] const auto& p = pkg_of(r);       \
            b.add<col_kind::kind>(make(value), repeat(r));    \
          }                                                   \
        },                                                    \
        __VA_ARGS__                                           \
  }
#define APTPARSE_PY_TXN(...) APTPARSE_PY_COLUMN(txn_row, __VA_ARGS__)
#define APTPARSE_PY_PKG(...) APTPARSE_PY_COLUMN(pkg_row, __VA_ARGS__)
#define APTPARSE_PY_SET_COUNT(name) \
  APTPARSE_PY_TXN("n_" #name, int64, count, t.name().size()),
#define APTPARSE_PY_SIZE_COLUMN(type, name) \
  APTPARSE_PY_TXN(#name, int64, opt_num, t.sizes.name),

// clang-format off
// The columns that both tables begin with: which transaction a row is of,
// and when and by which command it ran.
const column<txn_row> kTxnKey[] = {
    APTPARSE_PY_TXN("source", category, opt_text, r.in->source),
    APTPARSE_PY_TXN("host", category, opt_text, r.in->host),
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

// A table: the key columns, then its own, each a column_builder. Rows
// come in blocks, filled column by column: each column's loop is tight,
// and a block's transactions and packages stay in the cache while every
// column reads them.
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
  // The rows of `txns` (each stands for txn_row::rows of the table's rows)
  // are `rows`.
  void add(std::span<const txn_row> txns, std::span<const Row> rows) {
    std::size_t i = 0;
    for (const auto& c : kTxnKey) c.fill(cols_[i++], txns);
    for (const auto& c : own_) c.fill(cols_[i++], rows);
    rows_ += rows.size();
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

// How many rows build() gathers before it fills the columns: a block's
// packages (about 150 bytes each) stay in the L2 cache.
constexpr std::size_t kBlockRows = 1024;

// The rows of one transaction in the package table: each package of each
// set, in the sets' order. Returns how many.
std::size_t append_package_rows(const aptparse::transaction& t,
                                std::vector<pkg_row>& rows) {
  const std::size_t before = rows.size();
  for (int s = 0; s < aptparse::pkg_set_count; ++s) {
    const auto set = static_cast<aptparse::pkg_set>(s);
    for (const aptparse::package& pkg : t.set(set))
      rows.push_back({&t, set, &pkg});
  }
  return rows.size() - before;
}

// Hands `b` the rows of `in` in blocks of whole transactions, each about
// kBlockRows rows: a transaction table's rows are its transactions, a
// package table's the packages of each (append_package_rows).
template <class Row>
void add_rows(table_builder<Row>& b, const std::vector<part>& in) {
  constexpr bool kPackages = std::is_same_v<Row, pkg_row>;
  std::vector<txn_row> txns;
  std::vector<pkg_row> pkgs;  // the package table's only
  auto rows = [&]() -> std::vector<Row>& {
    if constexpr (kPackages) {
      return pkgs;
    } else {
      return txns;
    }
  };
  rows().reserve(kBlockRows);
  for (const part& p : in)
    for (std::size_t i = 0; i < p.ts->size(); ++i) {
      const aptparse::transaction& t = (*p.ts)[i];
      if constexpr (kPackages) {
        txns.push_back({&p, i, &t, append_package_rows(t, pkgs)});
      } else {
        txns.push_back({&p, i, &t});
      }
      if (rows().size() >= kBlockRows) {
        b.add(txns, rows());
        txns.clear();
        rows().clear();
      }
    }
  b.add(txns, rows());
}

template <class Row>
py::tuple describe(std::span<const column<Row>> own) {
  py::list out;
  for (const auto& c : kTxnKey)
    out.append(py::make_tuple(c.name, kind_name(c.kind)));
  for (const auto& c : own)
    out.append(py::make_tuple(c.name, kind_name(c.kind)));
  return py::tuple(out);
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

// A table of the parts' rows, with the GIL released when they go to Arrow
// buffers (no
// Python object is made: other threads may run meanwhile). With `rd`, the
// parts that name a file are read first, in the same stretch without the
// GIL, and their reports freed before it is taken again; none is built
// when a file could not be read (rd->failed).
template <class Row>
py::tuple build(std::span<const column<Row>> own, std::vector<part>& in,
                bool arrow, std::size_t (*count)(const std::vector<part>&),
                file_reads* rd = nullptr) {
  table_builder<Row> b(own, arrow);
  {
    std::optional<py::gil_scoped_release> nogil;
    if (arrow) nogil.emplace();
    if (rd) {
      rd->reports.reserve(in.size());  // the parts point into it
      for (std::size_t k = 0; k < in.size() && !rd->failed; ++k)
        if (in[k].path && !read_part(in[k], *rd)) rd->failed = k;
    }
    if (!rd || !rd->failed) {
      b.reserve(count(in));
      add_rows(b, in);
    }
    if (rd) rd->reports.clear();
  }
  return b.finish();
}

// The table's rows of `in`, through build().
py::tuple table_of(std::vector<part>& in, const std::string& table, bool arrow,
                   file_reads* rd = nullptr) {
  if (table == "packages")
    return build<pkg_row>(kPackage, in, arrow, package_rows, rd);
  if (table == "transactions")
    return build<txn_row>(kTransaction, in, arrow, transaction_rows, rd);
  throw py::value_error("table must be 'packages' or 'transactions', not '" +
                        table + "'");
}

py::tuple record_columns(py::handle parts, const std::string& table,
                         bool arrow) {
  std::vector<std::vector<aptparse::transaction>> keep;
  // Reserved so that `keep` never moves the vectors that parts point to.
  keep.reserve(static_cast<std::size_t>(py::len(parts)));
  std::vector<part> in = parts_of(parts, keep);
  return table_of(in, table, arrow);
}

// (rows, columns, None) as record_columns(arrow=True), where a part may be
// a file's path (bytes), read and parsed here without the GIL; (0, None,
// index) of the first part whose file could not be read.
py::tuple read_records(py::handle parts, const std::string& table,
                       std::size_t chunk_size, const py::kwargs& kwargs) {
  if (chunk_size == 0) throw py::value_error("chunk_size must be >= 1");
  file_reads rd;
  rd.opts = options_from_py(kwargs, "_read_records");
  rd.chunk_bytes = chunk_size;
  std::vector<std::vector<aptparse::transaction>> keep;
  keep.reserve(static_cast<std::size_t>(py::len(parts)));
  std::vector<part> in = parts_of(parts, keep, true);
  py::tuple out = table_of(in, table, true, &rd);
  if (rd.failed) return py::make_tuple(0, py::none(), *rd.failed);
  return py::make_tuple(out[0], out[1], py::none());
}

}  // namespace

void register_records(py::module_& m) {
  register_owned_buffer(m);
  py::dict tables;
  tables["packages"] = describe<pkg_row>(kPackage);
  tables["transactions"] = describe<txn_row>(kTransaction);
  m.attr("RECORD_COLUMNS") = tables;
  m.def("_record_columns", &record_columns, py::arg("parts"), py::arg("table"),
        py::arg("arrow"),
        "(rows, columns) of a records table (see RECORD_COLUMNS) over parts, "
        "a list of (transactions, source, host): each column as Arrow "
        "buffers when arrow is true, else as a list.");
  m.def("_read_records", &read_records, py::arg("parts"), py::arg("table"),
        py::arg("chunk_size"),
        "_record_columns(parts, table, True) + (None,), where a part's "
        "transactions may be a file's path (bytes): the file is read and "
        "parsed as parse_file() does, with the GIL released, and its report "
        "freed so too. (0, None, i) when part i's file could not be read "
        "(parse_file() says why). The keyword arguments are the options of "
        "OPTION_DEFAULTS.");
}

}  // namespace aptparse_py

// One column of a records table (records.cpp), collected cell by cell:
// as Arrow buffers handed to Python without a copy (the buffers' owner is
// _core._OwnedBuffer), or as a Python list.
//
// add() is here, inline: it runs once per cell, in each column's loop over
// a block of rows (records.cpp).
// finish() and the Python side need the GIL; reserve() and add() on an
// Arrow column do not.
#ifndef APTPARSE_PY_COLUMN_BUILDER_H_
#define APTPARSE_PY_COLUMN_BUILDER_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace aptparse_py {

namespace py = pybind11;

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

// The kind's name in _core.RECORD_COLUMNS.
const char* kind_name(col_kind k);

// An ISO 8601 time as the library writes it (report.h: transaction::start):
// (seconds since the epoch, whether the text had a UTC offset), or nullopt.
std::optional<std::pair<std::int64_t, bool>> parse_time(std::string_view s);

// One value of a row; `valid` false is a null. Text for string, category
// and timestamp columns, the number for the others.
struct cell {
  bool valid = false;
  std::string_view text;
  std::int64_t number = 0;
};

// The values a category column can take, when the library names them
// all: the dictionary then begins with them, in this order, so that every
// table (every Dask partition) has the same categories.
using domain = std::vector<std::string_view> (*)();

// Registers _core._OwnedBuffer, the type of finish()'s buffers.
void register_owned_buffer(py::module_& m);

// Collects one column's cells, as Arrow buffers or as a Python list.
class column_builder {
 public:
  column_builder(col_kind kind, bool arrow, domain values);

  // Room for `rows` cells in the fixed-width buffers (text grows as it
  // comes): no copy of a large buffer as it grows.
  void reserve(std::size_t rows);

  // Adds `c` as the next `n` cells. K is the column's kind (given at the
  // call, so that each column's loop has no switch on it).
  template <col_kind K>
  void add(cell c, std::size_t n = 1) {
    if (n == 0) return;  // nor is a category's text in the dictionary
    if (!arrow_) {
      for (std::size_t i = 0; i < n; ++i) add_py(c);
      return;
    }
    if constexpr (K == col_kind::timestamp) {
      if (c.valid) {
        const auto t = cached_time(c.text);
        c.valid = t.has_value();
        if (t) {
          c.number = t->first;
          (t->second ? zoned_ : naive_) = true;
        }
      }
    }
    set_valid(c.valid, n);
    if constexpr (K == col_kind::string) {
      for (std::size_t i = 0; i < n; ++i) {
        if (c.valid) data_.append(c.text);
        offsets_.push_back(static_cast<std::int32_t>(data_.size()));
      }
      if (data_.size() > INT32_MAX) too_long();
    } else if constexpr (K == col_kind::category) {
      codes_.insert(codes_.end(), n, c.valid ? cached_code(c.text) : 0);
    } else if constexpr (K == col_kind::boolean) {
      set_bits(bits_, n_, n, c.number != 0);
    } else {  // int64, timestamp
      numbers_.insert(numbers_.end(), n, c.number);
    }
    n_ += n;
  }

  // Arrow: (validity or None, buffers...) where the buffers are, by kind,
  // string (int32 offsets, data), category (int32 codes, [dictionary str]),
  // int64 (int64 values), bool (bitmap), timestamp (int64 seconds; "UTC"
  // when the times had offsets, None when naive, "mixed"). Python: the list
  // of values (a timestamp's as its ISO text).
  py::object finish();

 private:
  using time = std::optional<std::pair<std::int64_t, bool>>;

  // Bits [i, i + n) of `bits` (grown with zeros to hold them) set to v.
  static void set_bits(std::vector<std::uint8_t>& bits, std::size_t i,
                       std::size_t n, bool v) {
    if (const std::size_t need = (i + n + 7) / 8; bits.size() < need)
      bits.resize(need);
    if (v)
      for (std::size_t k = i; k < i + n; ++k)
        bits[k / 8] |= static_cast<std::uint8_t>(1u << (k % 8));
  }

  void set_valid(bool valid, std::size_t n) {
    if (!valid && !any_null_) first_null();
    if (any_null_) set_bits(validity_, n_, n, valid);
  }
  void first_null();
  [[noreturn]] static void too_long();

  // Neighbouring cells repeat a text: a transaction's rows share its
  // source, host and times, the library's names are static, and a run of
  // packages mostly has one arch. A text equal to the last one (the same
  // address and size, else the same bytes) has its code or time known. The
  // transactions do not change while a table is built, so `last_` stays
  // readable.
  bool same_as_last(std::string_view s) {
    const bool same =
        s.size() == last_.size() &&
        (s.data() == last_.data() ||
         (!s.empty() && std::memcmp(s.data(), last_.data(), s.size()) == 0));
    last_ = s;
    return same;
  }
  std::int32_t cached_code(std::string_view s) {
    if (!same_as_last(s)) last_code_ = code_of(s);
    return last_code_;
  }
  time cached_time(std::string_view s) {
    if (!same_as_last(s)) last_time_ = parse_time(s);
    return last_time_;
  }

  std::int32_t code_of(std::string_view s);
  py::list dictionary() const;
  void add_py(const cell& c);

  struct sv_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>{}(s);
    }
  };

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
  time last_time_;
  std::vector<py::object> strs_;
  py::list list_;
};

}  // namespace aptparse_py

#endif  // APTPARSE_PY_COLUMN_BUILDER_H_

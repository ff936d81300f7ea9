// Which of many literals occur in a line, in one pass: the prefilter for the
// table rows that have no literal prefix to dispatch on (formats that start
// with a conversion, "%s is already the newest version (%s)." in every
// language). A row can only match a line that contains its longest literal
// run; this finds those rows, so that only they are tried.
//
// Literals of four bytes or more are found by their four-byte windows: if
// the shortest of them has m bytes, an occurrence of any of them covers a
// line position that is a multiple of stride = m - 3 (counted from
// stride - 1) with a window at an offset below the stride. So the search
// loads four bytes only at every stride-th position (every ninth for the
// format table's fallback rows, whose literals have twelve bytes or more),
// hashes them into a 1 Mi-bit map of the windows, and compares a literal
// only where the map says one may start. Shorter literals are looked up at
// every position by their first two bytes (a 64 Ki-bit map).
#ifndef APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_
#define APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "classify/flat_multimap.h"

namespace aptparse::detail {

class literal_search {
 public:
  // Registers `id` with `literal` (copied). A literal shorter than two
  // bytes matches every line.
  void add(std::uint32_t id, std::string_view literal);

  // Lays out the lookup tables. Call once, after the last add() and before
  // the first search().
  void build() {
    windows_.build();
    short_.build();
  }

  // Calls found(id) once for every occurrence in `line` of the literal of
  // `id` (an id whose literal occurs twice is reported twice).
  template <class Found>
  void search(std::string_view line, Found&& found) const {
    for (std::uint32_t id : always_) found(id);
    const std::size_t n = line.size();
    const char* p = line.data();
    if (!short_.empty()) {
      for (std::size_t i = 0; i + 1 < n; ++i) {
        const std::uint32_t k2 =
            static_cast<unsigned char>(p[i]) |
            (std::uint32_t{static_cast<unsigned char>(p[i + 1])} << 8);
        if (short_bits_[k2 >> 6] >> (k2 & 63) & 1)
          probe_short(k2, line, i, found);
      }
    }
    if (windows_.empty()) return;
    for (std::size_t q = stride_ - 1; q + 4 <= n; q += stride_) {
      std::uint32_t k;
      std::memcpy(&k, p + q, 4);
      const std::uint32_t h = hash4(k);
      if (window_bits_[h >> 6] >> (h & 63) & 1) probe_window(k, line, q, found);
    }
  }

  // The same answer by trying every literal at every position: the
  // reference that tests hold search() to.
  template <class Found>
  void search_bytewise(std::string_view line, Found&& found) const {
    for (std::uint32_t id : always_) found(id);
    for (const entry& e : literals_)
      for (std::size_t at = line.find(literal_of(e));
           at != std::string_view::npos; at = line.find(literal_of(e), at + 1))
        found(e.id);
  }

 private:
  struct entry {
    std::uint32_t offset;  // the literal: chars_[offset, offset + size)
    std::uint32_t size;
    std::uint32_t id;
  };
  // A literal's four bytes at `offset`.
  struct window {
    std::uint32_t literal;  // index into literals_
    std::uint32_t offset;
  };

  static constexpr std::uint32_t kBits = 1u << 20;
  static std::uint32_t hash4(std::uint32_t k) {
    return (k * 0x9E3779B1u) >> 12;  // 20 bits
  }

  template <class Found>
  void probe_short(std::uint32_t key, std::string_view line, std::size_t at,
                   Found& found) const {
    for (std::uint32_t i : short_.find(key)) {
      const entry& e = literals_[i];
      if (line.compare(at, e.size, literal_of(e)) == 0) found(e.id);
    }
  }

  // Each occurrence has exactly one sampled position q in [start, start +
  // stride), so windows at offsets beyond the stride are skipped: they
  // would report it again. (q >= stride - 1 > offset: start >= 0.)
  template <class Found>
  void probe_window(std::uint32_t key, std::string_view line, std::size_t q,
                    Found& found) const {
    for (const window& w : windows_.find(key)) {
      if (w.offset >= stride_) continue;
      const entry& e = literals_[w.literal];
      const std::size_t start = q - w.offset;
      if (line.size() - start >= e.size &&
          std::memcmp(line.data() + start, chars_.data() + e.offset, e.size) ==
              0)
        found(e.id);
    }
  }

  std::string_view literal_of(const entry& e) const {
    return std::string_view(chars_).substr(e.offset, e.size);
  }

  std::vector<entry> literals_;  // all but the always-reported ones
  std::string chars_;            // the literals' bytes, one after another
  std::vector<std::uint64_t> window_bits_ =
      std::vector<std::uint64_t>(kBits / 64, 0);
  flat_multimap<window> windows_;
  std::size_t stride_ = 0;  // the shortest long literal's size - 3
  std::vector<std::uint64_t> short_bits_ = std::vector<std::uint64_t>(1024, 0);
  // Two- and three-byte literals (indexes into literals_), by their first
  // two bytes.
  flat_multimap<std::uint32_t> short_;
  std::vector<std::uint32_t> always_;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_

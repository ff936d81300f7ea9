// Which of many literals occur in a line, in one pass: the prefilter for the
// table rows that have no literal prefix to dispatch on (formats that start
// with a conversion, "%s is already the newest version (%s)." in every
// language). A row can only match a line that contains its longest literal
// run; this finds those rows, so that only they are tried.
//
// Literals of four bytes or more are indexed by a hash of their first four
// bytes in a 1 Mi-bit map, so that one load per line position rejects
// almost every position; shorter ones by their first two bytes (a 64 Ki-bit
// map).
#ifndef APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_
#define APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aptparse::detail {

class literal_search {
 public:
  // Registers `id` with `literal`. A literal shorter than two bytes
  // matches every line.
  void add(std::uint32_t id, std::string_view literal);

  // Calls found(id) for every id whose literal occurs in `line` (an id may
  // be reported more than once).
  template <class Found>
  void search(std::string_view line, Found&& found) const {
    for (std::uint32_t id : always_) found(id);
    const std::size_t n = line.size();
    const char* p = line.data();
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (i + 4 <= n) {
        std::uint32_t k;
        std::memcpy(&k, p + i, 4);
        const std::uint32_t h = hash4(k);
        if (long4_bits_[h >> 6] >> (h & 63) & 1) probe(long4_, k, line, i, found);
      }
      const std::uint32_t k2 =
          static_cast<unsigned char>(p[i]) |
          (std::uint32_t{static_cast<unsigned char>(p[i + 1])} << 8);
      if (short_bits_[k2 >> 6] >> (k2 & 63) & 1) probe(short_, k2, line, i, found);
    }
  }

 private:
  struct entry {
    std::string literal;
    std::uint32_t id;
  };
  using index = std::unordered_map<std::uint32_t, std::vector<entry>>;

  static constexpr std::uint32_t kBits = 1u << 20;
  static std::uint32_t hash4(std::uint32_t k) {
    return (k * 0x9E3779B1u) >> 12;  // 20 bits
  }

  template <class Found>
  static void probe(const index& idx, std::uint32_t key, std::string_view line,
                    std::size_t at, Found& found) {
    auto it = idx.find(key);
    if (it == idx.end()) return;
    for (const entry& e : it->second)
      if (line.compare(at, e.literal.size(), e.literal) == 0) found(e.id);
  }

  std::vector<std::uint64_t> long4_bits_ =
      std::vector<std::uint64_t>(kBits / 64, 0);
  index long4_;  // keyed by the first four bytes
  std::vector<std::uint64_t> short_bits_ = std::vector<std::uint64_t>(1024, 0);
  index short_;  // two- and three-byte literals, by their first two bytes
  std::vector<std::uint32_t> always_;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_

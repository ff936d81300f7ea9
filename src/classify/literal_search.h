// Which of many literals occur in a line, in one pass: the prefilter for the
// table rows that have no literal prefix to dispatch on (formats that start
// with a conversion, "%s is already the newest version (%s)." in every
// language). A row can only match a line that contains its longest literal
// run; this finds those rows, so that only they are tried.
//
// Literals are indexed by their first two bytes: a 64 Ki-bit map tells in
// one load whether any literal starts with the two bytes at a position.
#ifndef APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_
#define APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_

#include <cstdint>
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
    if (line.size() < 2) return;
    const auto* p = reinterpret_cast<const unsigned char*>(line.data());
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
      const unsigned key = p[i] | (unsigned{p[i + 1]} << 8);
      if (!(bits_[key >> 6] >> (key & 63) & 1)) continue;
      auto it = by_bigram_.find(key);
      for (const entry& e : it->second)
        if (line.compare(i, e.literal.size(), e.literal) == 0) found(e.id);
    }
  }

 private:
  struct entry {
    std::string literal;
    std::uint32_t id;
  };
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(1024, 0);
  std::unordered_map<unsigned, std::vector<entry>> by_bigram_;
  std::vector<std::uint32_t> always_;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_LITERAL_SEARCH_H_

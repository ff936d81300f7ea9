#include "classify/literal_search.h"

namespace aptparse::detail {

void literal_search::add(std::uint32_t id, std::string_view literal) {
  if (literal.size() < 2) {
    always_.push_back(id);
    return;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(literal.data());
  const unsigned key = p[0] | (unsigned{p[1]} << 8);
  bits_[key >> 6] |= std::uint64_t{1} << (key & 63);
  by_bigram_[key].push_back(entry{std::string(literal), id});
}

}  // namespace aptparse::detail

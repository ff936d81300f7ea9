#include "classify/literal_search.h"

namespace aptparse::detail {

void literal_search::add(std::uint32_t id, std::string_view literal) {
  if (literal.size() < 2) {
    always_.push_back(id);
    return;
  }
  if (literal.size() < 4) {
    const std::uint32_t k =
        static_cast<unsigned char>(literal[0]) |
        (std::uint32_t{static_cast<unsigned char>(literal[1])} << 8);
    short_bits_[k >> 6] |= std::uint64_t{1} << (k & 63);
    short_[k].push_back(entry{std::string(literal), id});
    return;
  }
  std::uint32_t k;
  std::memcpy(&k, literal.data(), 4);
  const std::uint32_t h = hash4(k);
  long4_bits_[h >> 6] |= std::uint64_t{1} << (h & 63);
  long4_[k].push_back(entry{std::string(literal), id});
}

}  // namespace aptparse::detail

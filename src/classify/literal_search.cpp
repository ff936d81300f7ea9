#include "classify/literal_search.h"

#include <algorithm>

namespace aptparse::detail {

void literal_search::add(std::uint32_t id, std::string_view literal) {
  if (literal.size() < 2) {
    always_.push_back(id);
    return;
  }
  const auto index = static_cast<std::uint32_t>(literals_.size());
  literals_.push_back(entry{static_cast<std::uint32_t>(chars_.size()),
                            static_cast<std::uint32_t>(literal.size()), id});
  chars_ += literal;
  if (literal.size() < 4) {
    const std::uint32_t k =
        static_cast<unsigned char>(literal[0]) |
        (std::uint32_t{static_cast<unsigned char>(literal[1])} << 8);
    short_bits_[k >> 6] |= std::uint64_t{1} << (k & 63);
    short_.add(k, index);
    return;
  }
  // The windows at offsets below the stride: a shorter literal added later
  // makes the stride smaller, never larger, and search() skips the windows
  // of earlier literals beyond it.
  const std::size_t stride = literal.size() - 3;
  stride_ = stride_ == 0 ? stride : std::min(stride_, stride);
  for (std::size_t offset = 0; offset < stride_; ++offset) {
    std::uint32_t k;
    std::memcpy(&k, literal.data() + offset, 4);
    const std::uint32_t h = hash4(k);
    window_bits_[h >> 6] |= std::uint64_t{1} << (h & 63);
    windows_.add(k, window{index, static_cast<std::uint32_t>(offset)});
  }
}

}  // namespace aptparse::detail

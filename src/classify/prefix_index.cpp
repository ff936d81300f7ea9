#include "classify/prefix_index.h"

#include <algorithm>

#include "util/text.h"

namespace aptparse::detail {
namespace {

std::uint64_t mask_of(std::size_t n) {
  return n >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1;
}

}  // namespace

void prefix_index::add(std::uint32_t row, std::string_view literal,
                       bool exact) {
  candidate c;
  c.head_mask = mask_of(literal.size());
  c.head = load8(literal) & c.head_mask;
  if (literal.size() > 8) {
    c.tail_mask = mask_of(literal.size() - 8);
    c.tail = load8(literal.substr(8)) & c.tail_mask;
  }
  c.row = row;
  c.literal_size = static_cast<std::uint32_t>(literal.size());
  c.exact_size = exact ? c.literal_size : 0;
  c.literal = literal.data();
  pending_[key_of(literal)].push_back(c);
}

void prefix_index::build() {
  slots_.assign(kSlots, slot{});
  candidates_.clear();
  sorted_keys_.clear();
  for (const auto& [key, list] : pending_) {
    std::size_t i = slot_of(key);
    while (slots_[i].begin != slots_[i].end) i = (i + 1) & (kSlots - 1);
    slots_[i].key = key;
    slots_[i].begin = static_cast<std::uint32_t>(candidates_.size());
    candidates_.insert(candidates_.end(), list.begin(), list.end());
    slots_[i].end = static_cast<std::uint32_t>(candidates_.size());
    const std::size_t bit = filter_bit(key);
    filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    sorted_keys_.push_back(__builtin_bswap64(key));
  }
  std::sort(sorted_keys_.begin(), sorted_keys_.end());
  pending_.clear();
}

// The keys that start with the candidate's head are, byte-swapped (the
// first byte most significant), one range of sorted_keys_.
bool prefix_index::has_key_starting(const candidate& c) const {
  const std::uint64_t low = __builtin_bswap64(c.head);
  const std::uint64_t high = low | ~__builtin_bswap64(c.head_mask);
  auto it = std::lower_bound(sorted_keys_.begin(), sorted_keys_.end(), low);
  return it != sorted_keys_.end() && *it <= high;
}

}  // namespace aptparse::detail

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
  pending_.push_back(keyed{key_of(literal), c});
}

void prefix_index::build() {
  slots_.assign(kSlots, slot{});
  candidates_.clear();
  sorted_keys_.clear();
  // One flat sort instead of a map of vectors: (key, position added) pairs,
  // whose plain sort is the stable sort by key, moved less than the
  // candidates themselves.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order(pending_.size());
  for (std::uint32_t k = 0; k < order.size(); ++k)
    order[k] = {pending_[k].key, k};
  std::sort(order.begin(), order.end());
  candidates_.reserve(pending_.size());
  for (std::size_t k = 0; k < order.size();) {
    const std::uint64_t key = order[k].first;
    std::size_t i = slot_of(key);
    while (slots_[i].begin != slots_[i].end) i = (i + 1) & (kSlots - 1);
    slots_[i].key = key;
    slots_[i].begin = static_cast<std::uint32_t>(candidates_.size());
    for (; k < order.size() && order[k].first == key; ++k)
      candidates_.push_back(pending_[order[k].second].c);
    slots_[i].end = static_cast<std::uint32_t>(candidates_.size());
    const std::size_t bit = filter_bit(key);
    filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    sorted_keys_.push_back(__builtin_bswap64(key));
  }
  std::sort(sorted_keys_.begin(), sorted_keys_.end());
  pending_.clear();
  pending_.shrink_to_fit();
}

const prefix_index::candidate* prefix_index::first_unlike_earlier(
    std::uint32_t row, std::string_view literal) const {
  const std::string_view trimmed = trim_right(literal);
  for (const candidate& c : candidates(literal)) {
    if (c.row == row) return &c;
    const std::size_t n = std::min<std::size_t>(c.literal_size, trimmed.size());
    if (std::string_view(c.literal, n) == trimmed.substr(0, n)) return nullptr;
  }
  return nullptr;
}

// The keys in byte order (big-endian), sorted: the keys that start with
// some bytes are one range of them.
bool prefix_index::has_key_starting(const candidate& c) const {
  const int bytes = __builtin_popcountll(c.head_mask) / 8;
  const std::uint64_t low = __builtin_bswap64(c.head);
  const std::uint64_t high =
      bytes >= 8 ? low : low | (~std::uint64_t{0} >> (8 * bytes));
  const auto it =
      std::lower_bound(sorted_keys_.begin(), sorted_keys_.end(), low);
  return it != sorted_keys_.end() && *it <= high;
}

}  // namespace aptparse::detail

#include "classify/prefix_index.h"

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
  for (const auto& [key, list] : pending_) {
    std::size_t i = slot_of(key);
    while (slots_[i].begin != slots_[i].end) i = (i + 1) & (kSlots - 1);
    slots_[i].key = key;
    slots_[i].begin = static_cast<std::uint32_t>(candidates_.size());
    candidates_.insert(candidates_.end(), list.begin(), list.end());
    slots_[i].end = static_cast<std::uint32_t>(candidates_.size());
    const std::size_t bit = filter_bit(key);
    filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
  pending_.clear();
}

std::span<const prefix_index::candidate> prefix_index::candidates(
    std::string_view line) const {
  const std::uint64_t key = key_of(line);
  if (!maybe_present(key)) return {};
  for (std::size_t i = slot_of(key);; i = (i + 1) & (kSlots - 1)) {
    const slot& s = slots_[i];
    if (s.begin == s.end) return {};
    if (s.key == key)
      return {candidates_.data() + s.begin, candidates_.data() + s.end};
  }
}

bool prefix_index::literal_matches(const candidate& c, std::string_view line,
                                   std::uint64_t head, std::uint64_t tail) {
  if ((head & c.head_mask) != c.head) return false;
  if (c.exact_size != 0) {
    if (line.size() != c.exact_size) return false;
  } else if (line.size() < c.literal_size) {
    // "(Reading database ... " arrives trimmed of its final space.
    std::string_view lit(c.literal, c.literal_size);
    return lit.starts_with(line) && trim(lit.substr(line.size())).empty();
  }
  if (c.literal_size <= 8) return true;
  if ((tail & c.tail_mask) != c.tail) return false;
  if (c.literal_size <= 16) return true;
  return std::memcmp(line.data() + 16, c.literal + 16, c.literal_size - 16) ==
         0;
}

}  // namespace aptparse::detail

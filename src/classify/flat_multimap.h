// A hash table from a 32-bit key to the list of values added with it, laid
// out once: values are added, then build() groups them by key in one array
// and an open-addressing table of each key's range. Built at start for the
// format table's literal search, where a node and a vector per key (an
// unordered_map of vectors) cost an allocation each.
#ifndef APTPARSE_SRC_CLASSIFY_FLAT_MULTIMAP_H_
#define APTPARSE_SRC_CLASSIFY_FLAT_MULTIMAP_H_

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <vector>

namespace aptparse::detail {

template <class V>
class flat_multimap {
 public:
  void add(std::uint32_t key, const V& value) {
    pending_.push_back(keyed{key, value});
  }

  // Lays out the table. Call once, after the last add(). No sort: each
  // key's slot counts its values, then takes its range and fills it in the
  // order added (a stable sort of the pending values cost four times more).
  void build() {
    slots_.assign(std::bit_ceil(2 * pending_.size() + 2), slot{});
    shift_ = 32 - std::countr_zero(slots_.size());
    std::vector<std::uint32_t> slot_of_value(pending_.size());
    for (std::size_t k = 0; k < pending_.size(); ++k) {
      const auto i = static_cast<std::uint32_t>(slot_of(pending_[k].key));
      slots_[i].key = pending_[k].key;
      ++slots_[i].end;  // the count, for now
      slot_of_value[k] = i;
    }
    std::uint32_t next = 0;
    for (slot& s : slots_) {
      s.begin = next;
      next += s.end;
      s.end = s.begin;  // the fill position, for now
    }
    values_.resize(pending_.size());
    for (std::size_t k = 0; k < pending_.size(); ++k)
      values_[slots_[slot_of_value[k]].end++] = pending_[k].value;
    pending_ = {};
  }

  // The values added with `key`, in the order added. After build().
  std::span<const V> find(std::uint32_t key) const {
    if (values_.empty()) return {};
    for (std::size_t i = first_slot(key);; i = (i + 1) & (slots_.size() - 1)) {
      const slot& s = slots_[i];
      if (s.begin == s.end) return {};
      if (s.key == key) return {values_.data() + s.begin, s.end - s.begin};
    }
  }

  bool empty() const noexcept { return values_.empty() && pending_.empty(); }

 private:
  struct keyed {
    std::uint32_t key;
    V value;
  };
  struct slot {
    std::uint32_t key = 0;
    std::uint32_t begin = 0;  // range in values_; begin == end: empty
    std::uint32_t end = 0;
  };

  std::size_t first_slot(std::uint32_t key) const {
    return (key * 0x9E3779B1u) >> shift_;
  }
  // While building: the slot of `key`, or the empty one where it goes
  // (a slot is taken once it counts a value).
  std::size_t slot_of(std::uint32_t key) const {
    std::size_t i = first_slot(key);
    while (slots_[i].end != 0 && slots_[i].key != key)
      i = (i + 1) & (slots_.size() - 1);
    return i;
  }

  std::vector<keyed> pending_;
  std::vector<slot> slots_;
  std::vector<V> values_;
  int shift_ = 32;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_FLAT_MULTIMAP_H_

// Finds the entry of a package within one set of a transaction, by the name
// as apt's lists print it: the bare name, or name + arch for a foreign
// architecture. Open addressing over indices into the transaction's entries
// (package_staging.h), so that
// adding a package allocates nothing per entry (this runs for every package
// mention, the report builder's hot path).
#ifndef APTPARSE_SRC_REPORT_PACKAGE_INDEX_H_
#define APTPARSE_SRC_REPORT_PACKAGE_INDEX_H_

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "aptparse/report.h"
#include "util/text.h"

namespace aptparse::detail {

class package_index {
 public:
  // The most entries the index can hold: a slot keeps index + 1 in 31 bits.
  static constexpr std::size_t kMaxEntries = (std::size_t{1} << 31) - 2;

  package_index() = default;
  // Not copied or moved: at_ points into slots_ (see below).
  package_index(const package_index&) = delete;
  package_index& operator=(const package_index&) = delete;

  // The hash of the key (name, arch); `arch` is empty for a bare key.
  static std::size_t hash(std::string_view name, std::string_view arch) {
    return with_arch(hash(name), arch);
  }
  // The hash of the bare key (name); with_arch() extends it to (name, arch)
  // without hashing the name again.
  static std::size_t hash(std::string_view name) {
    return static_cast<std::size_t>(mix(0x9e3779b97f4a7c15ull, name));
  }
  static std::size_t with_arch(std::size_t bare, std::string_view arch) {
    return arch.empty() ? bare : static_cast<std::size_t>(mix(bare, arch));
  }

  // Whether some entry is keyed with its arch: if none, no qualified key
  // can be found (the lookup the builder can skip).
  bool has_qualified() const noexcept { return qualified_count_ != 0; }

  // Returns the index in `entries` of the entry keyed (name, arch), whose
  // hash() is `h`, or -1.
  long find(const package* entries, std::string_view name,
            std::string_view arch, std::size_t h) const {
    std::size_t hole;
    return find(entries, name, arch, h, hole);
  }
  // find(), and where the probe ended when it returns -1 (`hole`, the
  // empty slot the key would take; 0 when the index has no slots):
  // insert() puts it there, probing once per new entry, not twice.
  long find(const package* entries, std::string_view name,
            std::string_view arch, std::size_t h, std::size_t& hole) const {
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const std::uint32_t s = at_[i];
      if (s == 0) {
        hole = i;
        return -1;
      }
      const std::uint32_t at = (s & ~kQualified) - 1;
      const package& p = entries[at];
      if (p.name == name && ((s & kQualified) ? p.arch == arch : arch.empty()))
        return static_cast<long>(at);
    }
  }

  // Records that entries[index] is keyed (name, arch), whose hash() is `h`.
  // `index < kMaxEntries`: the builder keeps no more
  // (packages_per_set_limit).
  void insert(const package* entries, std::size_t index, bool qualified,
              std::size_t h) {
    assert(index < kMaxEntries);
    qualified_count_ += qualified;
    if (count_ >= room_) grow(entries);
    place(static_cast<std::uint32_t>(index + 1) | (qualified ? kQualified : 0),
          h);
    ++count_;
  }
  // insert() after find(..., hole) returned -1 for this key, with no insert
  // in between: the slot is `hole` unless the index must grow first.
  void insert(const package* entries, std::size_t index, bool qualified,
              std::size_t h, std::size_t hole) {
    assert(index < kMaxEntries);
    qualified_count_ += qualified;
    const std::uint32_t slot =
        static_cast<std::uint32_t>(index + 1) | (qualified ? kQualified : 0);
    if (count_ >= room_) {
      grow(entries);
      place(slot, h);
    } else {
      assert(slots_[hole] == 0);
      slots_[hole] = slot;
    }
    ++count_;
  }

  // Forgets every entry; keeps the memory unless it grew large.
  void clear() {
    if (count_ == 0) return;
    if (slots_.size() > 4096) {
      slots_ = {};
      at_ = &kNoSlot;
      mask_ = room_ = 0;
    } else {
      std::fill(slots_.begin(), slots_.end(), 0);
    }
    count_ = 0;
    qualified_count_ = 0;
  }

 private:
  // Eight bytes at a time, with fixed-size loads only (a variable-length
  // memcpy of the tail was a library call and a store-forwarding stall):
  // the last block overlaps the one before it. This runs for every package
  // mention.
  static std::uint64_t mix(std::uint64_t h, std::string_view s) {
    const char* p = s.data();
    const std::size_t n = s.size();
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      h = (h ^ swar::load(p + i)) * 0xff51afd7ed558ccdull;
      h ^= h >> 32;
    }
    const std::uint64_t w = swar::tail(p, n);
    h = (h ^ w ^ n) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
  }

  // A slot's top bit: its entry is keyed with its arch (kept beside the
  // index, not in a vector<bool> of its own: one store and one load less
  // per mention).
  static constexpr std::uint32_t kQualified = std::uint32_t{1} << 31;
  static_assert(kMaxEntries + 1 < kQualified, "index + 1 must miss the bit");

  void place(std::uint32_t slot, std::size_t h) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }

  // Out of line: rare, and inlined into add(), the hot path, it cost
  // instructions on every package mention.
  [[gnu::noinline]] void grow(const package* entries) {
    std::vector<std::uint32_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, 0);
    at_ = slots_.data();
    mask_ = slots_.size() - 1;
    room_ = slots_.size() / 2;
    for (std::uint32_t s : old) {
      if (s == 0) continue;
      const package& p = entries[(s & ~kQualified) - 1];
      place(s, hash(p.name, (s & kQualified) ? std::string_view(p.arch)
                                             : std::string_view()));
    }
  }

  std::vector<std::uint32_t> slots_;  // index + 1 | kQualified; 0 is empty
  // What find() and insert() read of slots_, kept beside it (not computed
  // from its bounds at every mention): its data, or one empty slot while
  // it has none (so that find() needs no test for that), its size - 1, and
  // the entries it holds before it grows (half its size).
  static constexpr std::uint32_t kNoSlot = 0;
  const std::uint32_t* at_ = &kNoSlot;
  std::size_t mask_ = 0;
  std::size_t room_ = 0;
  std::size_t count_ = 0;
  std::size_t qualified_count_ = 0;  // entries keyed with their arch
};

// How many packages the report builder keeps in one set of a transaction:
// options::max_packages_per_list, but never so many that every set together
// outgrows the index of the transaction's entries (the rest are dropped and
// reported as too_many_packages, like those past the option).
constexpr std::size_t packages_per_set_limit(std::size_t requested) noexcept {
  return std::min(requested, package_index::kMaxEntries / pkg_set_count);
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_PACKAGE_INDEX_H_

// A set of 64-bit keys that is emptied often and rarely large: the packages
// one apt run has handled. Open addressing in a power-of-two table kept at
// most half full; clear() zeroes the table (a run's lines cost far more than
// that) and keeps the memory, so a log of many runs allocates only while its
// largest run grows the table.
#ifndef APTPARSE_SRC_UTIL_KEY_SET_H_
#define APTPARSE_SRC_UTIL_KEY_SET_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace aptparse::detail {

class key_set {
 public:
  // Inserts `key`; returns false iff it was there already.
  bool insert(std::uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    key = key == 0 ? 1 : key;  // 0 marks an empty slot
    std::size_t i = slot_of(key);
    for (; slots_[i] != 0; i = (i + 1) & (slots_.size() - 1))
      if (slots_[i] == key) return false;
    slots_[i] = key;
    ++size_;
    return true;
  }

  void clear() noexcept {
    if (size_ == 0) return;
    std::fill(slots_.begin(), slots_.end(), 0);
    size_ = 0;
  }

  // A 64-bit key of two strings (a package's name and architecture), eight
  // bytes at a time: it runs for every simulate line, where a library hash
  // cost more than the rest of the set. Two different pairs share a key
  // with a chance of about 2^-64.
  static std::uint64_t key_of(std::string_view a, std::string_view b) noexcept {
    return mix(mix(a.size() * 0x9e3779b97f4a7c15ull, a) ^ b.size(), b);
  }

 private:
  // Folds `s` into `h` eight bytes at a time; the last (partial) chunk is
  // read with overlapping loads, which, with the length mixed in by
  // key_of, still tell every string apart.
  static std::uint64_t mix(std::uint64_t h, std::string_view s) noexcept {
    constexpr std::uint64_t k = 0xff51afd7ed558ccdull;
    const char* p = s.data();
    std::size_t n = s.size();
    std::uint64_t x = 0;
    if (n >= 8) {
      for (; n > 8; n -= 8, p += 8) {
        std::memcpy(&x, p, 8);
        h = (h ^ x) * k;
        h ^= h >> 29;
      }
      std::memcpy(&x, p + n - 8, 8);
    } else if (n >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      x = lo | (std::uint64_t{hi} << 32);
    } else if (n > 0) {
      x = static_cast<unsigned char>(p[0]) |
          (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
          (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
    }
    h = (h ^ x) * k;
    return h ^ (h >> 32);
  }
  std::size_t slot_of(std::uint64_t key) const noexcept {
    return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ull) >> 32) &
           (slots_.size() - 1);
  }
  void grow();

  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_UTIL_KEY_SET_H_

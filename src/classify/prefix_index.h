// Dispatch on the first bytes of a line: an open-addressing hash table from
// a line's first `key_bytes` bytes (4 or 8) to the table rows whose literal
// prefix starts with them, in priority order. Each candidate carries its
// literal's first sixteen bytes, so that two 64-bit compares accept or
// reject most candidates without a memcmp.
#ifndef APTPARSE_SRC_CLASSIFY_PREFIX_INDEX_H_
#define APTPARSE_SRC_CLASSIFY_PREFIX_INDEX_H_

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/text.h"

namespace aptparse::detail {

class prefix_index {
 public:
  struct candidate {
    std::uint64_t head = 0;  // literal bytes 0-7, masked
    std::uint64_t head_mask = 0;
    std::uint64_t tail = 0;  // literal bytes 8-15, masked
    std::uint64_t tail_mask = 0;
    std::uint32_t row = 0;
    std::uint32_t literal_size = 0;
    std::uint32_t exact_size = 0;   // exact rows: the whole line's size
    const char* literal = nullptr;  // stays valid: the table owns the text
  };

  // REQUIRES: key_bytes is 4 or 8.
  explicit prefix_index(std::size_t key_bytes) : key_bytes_(key_bytes) {}

  // Adds a row; rows are tried in the order they are added. `literal` must
  // be at least key_bytes long and outlive the index. `exact` rows match
  // only a line equal to the literal.
  void add(std::uint32_t row, std::string_view literal, bool exact);

  // Lays out the hash table. Call once, after the last add().
  void build();

  // The candidates for `line`, which must be at least key_bytes long.
  std::span<const candidate> candidates(std::string_view line) const;

  // Row `row`'s candidate, whose literal is `literal` (at least key_bytes
  // long), if no candidate before it in its list can match a line that it
  // matches: each earlier literal differs from `literal` in a byte before
  // the end of both (of `literal` without its trailing white space, since
  // lines arrive trimmed). Else nullptr. After build().
  const candidate* first_unlike_earlier(std::uint32_t row,
                                        std::string_view literal) const;

  // True iff some key starts with the candidate's literal (its head): then
  // a line that starts with that literal may find a row here too.
  bool has_key_starting(const candidate& c) const;

  std::size_t key_bytes() const noexcept { return key_bytes_; }

  // Returns true iff `line` starts with the candidate's literal (an exact
  // candidate: equals it). A line may lack trailing white space of the
  // literal, since lines arrive trimmed. `head`/`tail` are load8() of the
  // line's bytes 0-7 and 8-15.
  static bool literal_matches(const candidate& c, std::string_view line,
                              std::uint64_t head, std::uint64_t tail);

  // Whether a[0..n) == b[0..n): eight bytes a compare, inline. The call of
  // memcmp cost more than the compare of these literals (most under 48
  // bytes).
  static bool same_bytes(const char* a, const char* b, std::size_t n) {
    const auto load = [](const char* p, auto v) {
      std::memcpy(&v, p, sizeof v);
      return v;
    };
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 < n; i += 8)
        if (load(a + i, std::uint64_t{}) != load(b + i, std::uint64_t{}))
          return false;
      return load(a + n - 8, std::uint64_t{}) ==
             load(b + n - 8, std::uint64_t{});
    }
    if (n >= 4)
      return load(a, std::uint32_t{}) == load(b, std::uint32_t{}) &&
             load(a + n - 4, std::uint32_t{}) ==
                 load(b + n - 4, std::uint32_t{});
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

  // The first eight bytes of `s`, zero-padded.
  static std::uint64_t load8(std::string_view s) {
    std::uint64_t v = 0;
    if (s.size() >= 8) {  // most lines: one fixed-size load, no libc call
      std::memcpy(&v, s.data(), 8);
    } else {
      std::memcpy(&v, s.data(), s.size());
    }
    return v;
  }

 private:
  struct slot {
    std::uint64_t key = 0;
    std::uint32_t begin = 0;  // range in candidates_; begin == end: empty
    std::uint32_t end = 0;
  };
  static constexpr std::size_t kSlots = 1 << 13;
  // One bit per hash of the keys present: most lines' first bytes are no
  // key (an 8-byte "Inst lib" for a 5-byte literal "Inst "), and an 8 KiB
  // bitmap answers that from L1 instead of a probe into the 128 KiB slots.
  static constexpr std::size_t kFilterBits = 1 << 16;

  std::uint64_t key_of(std::string_view s) const {
    std::uint64_t k = load8(s);
    return key_bytes_ == 8 ? k : (k & 0xffffffffu);
  }
  static std::size_t slot_of(std::uint64_t key) {
    return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ull) >> 51) &
           (kSlots - 1);
  }
  static std::size_t filter_bit(std::uint64_t key) {
    return static_cast<std::size_t>((key * 0xc2b2ae3d27d4eb4full) >> 48);
  }
  bool maybe_present(std::uint64_t key) const {
    const std::size_t bit = filter_bit(key);
    return (filter_[bit / 64] >> (bit % 64)) & 1u;
  }

  std::size_t key_bytes_;
  // The added candidates with their keys, in the order added; build()
  // sorts them by key (stable: each key's list keeps that order).
  struct keyed {
    std::uint64_t key;
    candidate c;
  };
  std::vector<keyed> pending_;
  std::vector<slot> slots_;
  std::vector<candidate> candidates_;
  std::vector<std::uint64_t> sorted_keys_;  // for has_key_starting()
  std::vector<std::uint64_t> filter_ =
      std::vector<std::uint64_t>(kFilterBits / 64);
};

// Inline: they run for every line, and as calls their prologues cost as
// much as their bodies.
inline std::span<const prefix_index::candidate> prefix_index::candidates(
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

inline bool prefix_index::literal_matches(const candidate& c,
                                          std::string_view line,
                                          std::uint64_t head,
                                          std::uint64_t tail) {
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
  return same_bytes(line.data() + 16, c.literal + 16, c.literal_size - 16);
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_PREFIX_INDEX_H_

// Decoding a fuzzer's input into parser options, chunk split points and the
// log text. The first bytes choose the options, so the fuzzer explores the
// limits too; the rest is the log. Plain C++, so that the replay build works
// with any compiler.
#ifndef APTPARSE_FUZZ_FUZZ_INPUT_H_
#define APTPARSE_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "aptparse/options.h"

namespace aptparse::fuzz {

struct fuzz_input {
  options opts;
  std::vector<std::size_t> cuts;  // ascending offsets into `text`
  std::string_view text;
};

// Layout: [flags][max_line][cut seed 2 bytes] then the log. Inputs shorter
// than the header are used whole as the log with default options, so the
// corpus logs themselves are good seeds.
inline fuzz_input decode(const std::uint8_t* data, std::size_t size) {
  fuzz_input in;
  in.text = std::string_view(reinterpret_cast<const char*>(data), size);
  if (size < 5 || data[0] != 0xA7) return in;  // not a fuzzer-made header
  const std::uint8_t flags = data[1];
  in.opts.strict = flags & 1;
  if (flags & 2) in.opts.max_line_bytes = 1 + data[2] * 4u;
  if (flags & 4) in.opts.max_packages_per_list = 1 + (data[2] & 7);
  if (flags & 8) in.opts.max_transactions = 1 + (data[2] & 3);
  if (flags & 16) in.opts.max_unrecognized_kept = data[2] & 3;
  std::uint32_t seed = data[3] | (std::uint32_t{data[4]} << 8);
  in.text.remove_prefix(5);
  // Split points from a small linear congruential generator.
  std::size_t pos = 0;
  while (seed != 0 && in.text.size() > 0) {
    seed = seed * 1103515245u + 12345u;
    pos += 1 + (seed >> 16) % 97;
    if (pos >= in.text.size()) break;
    in.cuts.push_back(pos);
  }
  return in;
}

}  // namespace aptparse::fuzz

#endif  // APTPARSE_FUZZ_FUZZ_INPUT_H_

// Differential fuzzer: the input fed whole and fed at the fuzzer's split
// points must give identical event traces. A difference aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "aptparse/aptparse.h"
#include "fuzz_input.h"
#include "support/event_trace.h"

namespace {

std::string trace(const aptparse::fuzz::fuzz_input& in, bool chunked) {
  aptparse::testing::event_trace t;
  aptparse::parser p(t, in.opts);
  std::size_t start = 0;
  if (chunked) {
    for (std::size_t cut : in.cuts) {
      (void)p.feed(in.text.substr(start, cut - start));
      start = cut;
    }
  }
  (void)p.feed(in.text.substr(start));
  (void)p.finish();
  return t.text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  auto in = aptparse::fuzz::decode(data, size);
  if (in.cuts.empty()) {  // a plain log: split it everywhere it is cheap
    for (std::size_t i = 1; i < in.text.size() && i < 4096; i += 1 + i / 8)
      in.cuts.push_back(i);
  }
  std::string whole = trace(in, false);
  std::string chunked = trace(in, true);
  if (whole != chunked) {
    std::fprintf(stderr, "chunked parse differs from whole parse\n");
    std::abort();
  }
  return 0;
}

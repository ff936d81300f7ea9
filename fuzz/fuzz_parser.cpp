// Fuzzes the streaming parser with fuzzer-chosen options and split points,
// building the full report (every sink path). Crashes, hangs, leaks and
// sanitizer reports are the findings.
#include <cstdint>

#include "aptparse/aptparse.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  auto in = aptparse::fuzz::decode(data, size);
  std::string json;
  aptparse::report_builder builder(in.opts, [&](aptparse::transaction&& t) {
    json.clear();
    aptparse::append_json(json, t, "fuzz");
  });
  aptparse::parser p(builder, in.opts);
  std::size_t start = 0;
  for (std::size_t cut : in.cuts) {
    (void)p.feed(in.text.substr(start, cut - start));
    start = cut;
  }
  (void)p.feed(in.text.substr(start));
  (void)p.finish();
  (void)p.feed("after finish");  // must be refused, not crash
  return 0;
}

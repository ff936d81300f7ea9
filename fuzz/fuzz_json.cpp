// Fuzzes the JSON writer: every transaction of any input must print as one
// valid JSON object on one line. An invalid one aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "aptparse/aptparse.h"
#include "fuzz_input.h"
#include "json_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  auto in = aptparse::fuzz::decode(data, size);
  aptparse::report r = aptparse::parse(in.text, in.opts);
  for (const aptparse::transaction& t : r.transactions) {
    std::string line = aptparse::to_json(t, in.text.substr(0, 16));
    if (line.find('\n') != std::string::npos ||
        !aptparse::fuzz::json_checker::valid(line)) {
      std::fprintf(stderr, "invalid JSON: %s\n", line.c_str());
      std::abort();
    }
  }
  return 0;
}

// stream_rss: streams one file through aptparse in fixed-size chunks and
// prints the peak resident set (VmHWM), to show that streaming memory does
// not grow with the input.
//
//   stream_rss MODE FILE [CHUNK_BYTES]
//   MODE: event   parser + a sink that does nothing
//         json    report_builder callback -> append_json into one string
//         report  report_builder keeping every transaction (grows; contrast)
// Prints one JSON object: mode, file, bytes, startup_seconds (building the
// format tables, once per process), seconds (streaming), transactions,
// vmhwm_kib_start (after startup) and vmhwm_kib (at the end), both from
// /proc/self/status.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "aptparse/aptparse.h"
#include "bench_common.h"

namespace {
struct null_sink final : aptparse::event_sink {};
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: stream_rss event|json|report FILE [CHUNK]\n");
    return 2;
  }
  const std::string mode = argv[1];
  const std::string path = argv[2];
  const std::size_t chunk = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1 << 20;
  // The first parser builds the shared format tables (RE2 compilation, once
  // per process): timed apart, so that `seconds` is the streaming alone.
  const auto s0 = std::chrono::steady_clock::now();
  {
    null_sink warm;
    aptparse::parser p(warm);
  }
  const double startup =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
  const std::uint64_t rss_before = aptbench::peak_rss_kib();
  const auto t0 = std::chrono::steady_clock::now();
  std::uint64_t transactions = 0, bytes = 0, out_bytes = 0;
  bool ok = true;
  if (mode == "event") {
    null_sink sink;
    aptparse::parser p(sink);
    ok = aptbench::feed_file(path, chunk, [&](std::string_view c) { (void)p.feed(c); });
    (void)p.finish();
    transactions = p.stats().transactions;
    bytes = p.stats().bytes;
  } else if (mode == "json" || mode == "report") {
    std::string out;
    aptparse::report_builder::callback cb;
    if (mode == "json")
      cb = [&](aptparse::transaction&& t) {
        out.clear();
        aptparse::append_json(out, t, path);
        out += '\n';
        out_bytes += out.size();
      };
    aptparse::report_builder b({}, cb);
    aptparse::parser p(b);
    ok = aptbench::feed_file(path, chunk, [&](std::string_view c) { (void)p.feed(c); });
    (void)p.finish();
    transactions = p.stats().transactions;
    bytes = p.stats().bytes;
    if (mode == "report") transactions = b.take_report().transactions.size();
  } else {
    std::fprintf(stderr, "stream_rss: unknown mode %s\n", mode.c_str());
    return 2;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!ok) {
    std::fprintf(stderr, "stream_rss: cannot read %s\n", path.c_str());
    return 2;
  }
  std::printf(
      "{\"mode\":\"%s\",\"file\":\"%s\",\"bytes\":%llu,\"startup_seconds\":%.4f,\"seconds\":%.3f,"
      "\"transactions\":%llu,\"json_bytes\":%llu,\"vmhwm_kib_start\":%llu,"
      "\"vmhwm_kib\":%llu}\n",
      mode.c_str(), path.c_str(), static_cast<unsigned long long>(bytes), startup, secs,
      static_cast<unsigned long long>(transactions),
      static_cast<unsigned long long>(out_bytes),
      static_cast<unsigned long long>(rss_before),
      static_cast<unsigned long long>(aptbench::peak_rss_kib()));
  return 0;
}

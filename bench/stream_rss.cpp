// stream_rss: streams one file through aptparse in fixed-size chunks and
// prints the peak resident set (VmHWM), to show that streaming memory does
// not grow with the input.
//
//   stream_rss MODE FILE [CHUNK_BYTES]
//   MODE: event   parser + a sink that does nothing
//         json    report_builder callback -> append_json into one string
//         report  report_builder keeping every transaction (grows; contrast)
//         lines   no parser: memchr counts the lines (the floor for a
//                 whole process that reads the file in chunks)
//         naive   no aptparse: the naive RE2 parser (naive_parser.h)
// (`lines` and `naive` are yardsticks for bench/python/bench_cli_dense.py;
// naive's "transactions" are its own guess.)
// Prints one JSON object: mode, file, bytes, startup_seconds (building the
// format tables, once per process), seconds (streaming), transactions,
// lines (lines and naive modes), vmhwm_kib_start (after startup) and vmhwm_kib
// (at the end), both from /proc/self/status.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "aptparse/aptparse.h"
#include "bench_common.h"
#include "naive_parser.h"

namespace {
struct null_sink final : aptparse::event_sink {};
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(
        stderr,
        "usage: stream_rss event|json|report|lines|naive FILE [CHUNK]\n");
    return 2;
  }
  const std::string mode = argv[1];
  const std::string path = argv[2];
  const std::size_t chunk =
      argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1 << 20;
  // The first parser builds the shared format tables (RE2 compilation, once
  // per process): timed apart, so that `seconds` is the streaming alone.
  // (The yardsticks build none: the whole process stays theirs alone.)
  const bool yardstick = mode == "lines" || mode == "naive";
  const auto s0 = std::chrono::steady_clock::now();
  if (!yardstick) {
    null_sink warm;
    aptparse::parser p(warm);
  }
  const double startup =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - s0)
          .count();
  const std::uint64_t rss_before = aptbench::peak_rss_kib();
  const auto t0 = std::chrono::steady_clock::now();
  std::uint64_t transactions = 0, bytes = 0, out_bytes = 0, lines = 0;
  bool ok = true;
  if (mode == "event") {
    null_sink sink;
    aptparse::parser p(sink);
    ok = aptbench::feed_file(path, chunk,
                             [&](std::string_view c) { (void)p.feed(c); });
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
    ok = aptbench::feed_file(path, chunk,
                             [&](std::string_view c) { (void)p.feed(c); });
    (void)p.finish();
    transactions = p.stats().transactions;
    bytes = p.stats().bytes;
    if (mode == "report") transactions = b.take_report().transactions.size();
  } else if (mode == "lines") {
    ok = aptbench::feed_file(path, chunk, [&](std::string_view c) {
      bytes += c.size();
      for (const char *p = c.data(), *end = p + c.size();
           (p = static_cast<const char*>(std::memchr(p, '\n', end - p))); ++p)
        ++lines;
    });
  } else if (mode == "naive") {
    aptbench::naive_parser np;
    aptbench::naive_result r;
    ok = aptbench::feed_file(path, chunk, [&](std::string_view c) {
      bytes += c.size();
      np.feed(c, r);
    });
    np.finish(r);
    transactions = r.transactions;
    lines = r.lines;
  } else {
    std::fprintf(stderr, "stream_rss: unknown mode %s\n", mode.c_str());
    return 2;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  if (!ok) {
    std::fprintf(stderr, "stream_rss: cannot read %s\n", path.c_str());
    return 2;
  }
  std::printf(
      "{\"mode\":\"%s\",\"file\":\"%s\",\"bytes\":%llu,\"startup_seconds\":%."
      "4f,\"seconds\":%.3f,"
      "\"transactions\":%llu,\"json_bytes\":%llu,\"lines\":%llu,\"vmhwm_kib_"
      "start\":%llu,"
      "\"vmhwm_kib\":%llu}\n",
      mode.c_str(), path.c_str(), static_cast<unsigned long long>(bytes),
      startup, secs, static_cast<unsigned long long>(transactions),
      static_cast<unsigned long long>(out_bytes),
      static_cast<unsigned long long>(lines),
      static_cast<unsigned long long>(rss_before),
      static_cast<unsigned long long>(aptbench::peak_rss_kib()));
  return 0;
}

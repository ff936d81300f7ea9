// bench_parser: aptparse against its limits and against a naive parser, on
// inputs built from the real corpus. See bench/README.md.
//
// Benchmarks (all report bytes/second over the same buffer):
//   <family>/memchr/whole      newline count with memchr: the read limit
//   <family>/memcpy/whole      a copy of the buffer
//   <family>/naive/whole       getline-style split + RE2::FullMatch per line
//   <family>/event/{whole,64KiB}   parser + an event_sink that does nothing
//   <family>/report/{whole,64KiB}  parse() / report_builder, full report kept
//   <family>/json/{whole,64KiB}    report_builder callback -> append_json
//   scaling/{event,json}/{1MB,10MB,100MB}   mixed, fed in 1 MiB chunks
//   scaling/{event,json}/1GB-file           a file on disk, read(2) 1 MiB
// families: classic, sqq, apt3, history, mixed (bench_common.cpp).
//
// Every aptparse benchmark first checks the parser's result on its exact
// input and feeding against the golden files (golden_checker) and calls
// SkipWithError on a mismatch.
//
// Own flags (after Google Benchmark's): --family-mb=N (default 100),
// --big-mb=N (default 1000), --data-dir=DIR (where the big file goes).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "aptparse/aptparse.h"
#include "bench_common.h"
#include "naive_parser.h"

#ifndef APTPARSE_BENCH_DATA_DIR
#define APTPARSE_BENCH_DATA_DIR "/var/tmp/aptparse-bench"
#endif

namespace aptbench {
namespace {

std::uint64_t g_family_bytes = 100'000'000;
std::uint64_t g_big_bytes = 1'000'000'000;
std::string g_data_dir = APTPARSE_BENCH_DATA_DIR;

constexpr std::size_t kChunk64K = 64 * 1024;
constexpr std::size_t kChunk1M = 1024 * 1024;

// --- inputs ----------------------------------------------------------------

struct source {
  const input* in = nullptr;
  std::string path;       // non-empty: stream this file
  std::size_t chunk = 0;  // 0: the whole buffer at once
  std::string label;      // e.g. "64KiB"
  template <class F>
  bool feed(F&& on_chunk) const {
    if (!path.empty()) return feed_file(path, chunk, on_chunk);
    feed_memory(in->buf, chunk, on_chunk);
    return true;
  }
  std::uint64_t bytes() const { return in->size(); }
};

const input& family_input(const std::string& fam) {
  static std::map<std::string, std::unique_ptr<input>> cache;
  auto& slot = cache[fam];
  if (!slot)
    slot = std::make_unique<input>(make_input(get_family(fam), g_family_bytes));
  return *slot;
}

const input& scaling_input(std::uint64_t bytes) {
  if (bytes == g_family_bytes) return family_input("mixed");
  static std::map<std::uint64_t, std::unique_ptr<input>> cache;
  auto& slot = cache[bytes];
  if (!slot)
    slot = std::make_unique<input>(make_input(get_family("mixed"), bytes));
  return *slot;
}

// The big input exists only on disk; `error` is set if it cannot be written.
const input& big_input(std::string& path, std::string& error) {
  static std::unique_ptr<input> in;
  static std::string p, err;
  if (!in) {
    in = std::make_unique<input>(
        make_input(get_family("mixed"), g_big_bytes, /*materialize=*/false));
    std::error_code ec;
    std::filesystem::create_directories(g_data_dir, ec);
    p = g_data_dir + "/mixed-" + std::to_string(g_big_bytes / 1'000'000) +
        "MB.log";
    if (!write_input_file(*in, p)) err = "cannot write " + p;
  }
  path = p;
  error = err;
  return *in;
}

// --- the modes -----------------------------------------------------------

struct null_sink final : aptparse::event_sink {};

struct mode_result {
  aptparse::parse_stats stats;
  std::uint64_t transactions = 0;
  std::uint64_t json_bytes = 0;
};

mode_result run_event(const source& s) {
  null_sink sink;
  aptparse::parser p(sink);
  s.feed([&](std::string_view c) { (void)p.feed(c); });
  (void)p.finish();
  return {p.stats(), p.stats().transactions, 0};
}

mode_result run_report(const source& s, aptparse::report* keep = nullptr) {
  aptparse::report r;
  if (s.chunk == 0 && s.path.empty()) {
    r = aptparse::parse(s.in->buf);
  } else {
    aptparse::report_builder b;
    aptparse::parser p(b);
    s.feed([&](std::string_view c) { (void)p.feed(c); });
    (void)p.finish();
    r = b.take_report();
    r.stats = p.stats();
  }
  mode_result m{r.stats, r.transactions.size(), 0};
  benchmark::DoNotOptimize(r.transactions.data());
  if (keep) *keep = std::move(r);
  return m;
}

mode_result run_json(const source& s, const std::string& source_name) {
  std::string out;
  std::uint64_t total = 0, n = 0;
  aptparse::report_builder b({}, [&](aptparse::transaction&& t) {
    out.clear();
    aptparse::append_json(out, t, source_name);
    out += '\n';
    total += out.size();
    ++n;
  });
  aptparse::parser p(b);
  s.feed([&](std::string_view c) { (void)p.feed(c); });
  (void)p.finish();
  benchmark::DoNotOptimize(out.data());
  return {p.stats(), n, total};
}

// --- the golden check -------------------------------------------------------

struct verdict {
  bool ok = false;
  std::string error;
  aptparse::parse_stats stats;
  std::uint64_t extended = 0;  // golden_checker::extended()
};

// Each log of the input, parsed alone, must equal its golden.
bool check_logs_alone(const input& in, std::string& error) {
  for (const instance& inst : in.instances)
    if (!inst.file->golden_error.empty()) {
      error = inst.file->golden_error;
      return false;
    }
  return true;
}

std::string stats_string(const aptparse::parse_stats& s) {
  return "bytes=" + std::to_string(s.bytes) +
         " lines=" + std::to_string(s.lines) +
         " noise=" + std::to_string(s.noise_lines) +
         " unrecognized=" + std::to_string(s.unrecognized_lines) +
         " transactions=" + std::to_string(s.transactions) +
         " packages=" + std::to_string(s.packages);
}

bool check_stats(const input& in, const aptparse::parse_stats& s,
                 std::string& error) {
  const std::uint64_t transactions = expected_transactions(in);
  if (s.bytes != in.size() || s.lines != in.unit_lines * in.reps ||
      s.transactions != transactions) {
    error = in.name + ": stats " + stats_string(s) +
            ", expected bytes=" + std::to_string(in.size()) +
            " lines=" + std::to_string(in.unit_lines * in.reps) +
            " transactions=" + std::to_string(transactions);
    return false;
  }
  return true;
}

// Streams the events through a report_builder whose callback checks each
// transaction: the event stream of `s` must give the goldens exactly.
verdict verify_stream(const source& s) {
  verdict v;
  golden_checker checker(*s.in);
  aptparse::report_builder b(
      {}, [&](aptparse::transaction&& t) { checker.check(t); });
  aptparse::parser p(b);
  if (!s.feed([&](std::string_view c) { (void)p.feed(c); })) {
    v.error = "cannot read " + s.path;
    return v;
  }
  (void)p.finish();
  v.stats = p.stats();
  v.extended = checker.extended();
  if (!checker.finish()) {
    v.error = checker.error();
    return v;
  }
  v.ok = check_stats(*s.in, v.stats, v.error);
  return v;
}

const verdict& verify(const std::string& mode, const source& s) {
  static std::map<std::string, verdict> cache;
  const std::string key =
      s.in->name + "/" + std::to_string(s.bytes()) + "/" + mode + "/" + s.label;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  verdict v;
  if (!check_logs_alone(*s.in, v.error)) {
    // v.ok stays false
  } else if (mode == "event") {
    // The null sink's run must see what the checked run saw.
    const verdict& ref = verify("json", s);
    v = ref;
    if (ref.ok) {
      mode_result m = run_event(s);
      if (!(m.stats == ref.stats)) {
        v.ok = false;
        v.error = "event mode stats " + stats_string(m.stats) +
                  " differ from the checked run's " + stats_string(ref.stats);
      }
    }
  } else if (mode == "report") {
    aptparse::report r;
    mode_result m = run_report(s, &r);
    golden_checker checker(*s.in);
    for (auto& t : r.transactions)
      if (!checker.check(t)) break;
    v.stats = m.stats;
    v.extended = checker.extended();
    if (!checker.finish())
      v.error = checker.error();
    else if (r.dropped_transactions != 0 || !r.error.ok())
      v.error = "report dropped transactions or failed";
    else
      v.ok = check_stats(*s.in, v.stats, v.error);
  } else {  // json: the callback pipeline
    v = verify_stream(s);
  }
  if (!v.ok)
    std::fprintf(stderr, "MISMATCH %s: %s\n", key.c_str(), v.error.c_str());
  return cache.emplace(key, std::move(v)).first->second;
}

// --- benchmark bodies -------------------------------------------------------

bool usable(benchmark::State& state, const input& in) {
  if (in.reps != 0) return true;
  state.SkipWithError((in.name + ": no usable logs in this family").c_str());
  return false;
}

void set_common(benchmark::State& state, const input& in) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(in.size()));
  state.counters["input_MB"] = static_cast<double>(in.size()) / 1e6;
}

void bm_memchr(benchmark::State& state, std::string fam) {
  const input& in = family_input(fam);
  if (!usable(state, in)) return;
  std::uint64_t lines = 0;
  for (auto _ : state) {
    lines = 0;
    const char* p = in.buf.data();
    const char* end = p + in.buf.size();
    while (const void* nl =
               std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
      ++lines;
      p = static_cast<const char*>(nl) + 1;
    }
    benchmark::DoNotOptimize(lines);
  }
  set_common(state, in);
  state.counters["lines"] = static_cast<double>(lines);
}

void bm_memcpy(benchmark::State& state, std::string fam) {
  const input& in = family_input(fam);
  if (!usable(state, in)) return;
  std::string dst(in.buf.size(), '\0');  // touched once, before timing
  for (auto _ : state) {
    std::memcpy(dst.data(), in.buf.data(), in.buf.size());
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  set_common(state, in);
}

void bm_naive(benchmark::State& state, std::string fam) {
  const input& in = family_input(fam);
  if (!usable(state, in)) return;
  naive_parser np;
  naive_result r;
  for (auto _ : state) {
    r = np.parse(in.buf);
    benchmark::DoNotOptimize(r);
  }
  set_common(state, in);
  state.counters["patterns"] = static_cast<double>(np.pattern_count());
  state.counters["transactions"] = static_cast<double>(r.transactions);
  state.counters["packages"] = static_cast<double>(r.packages);
}

void bm_aptparse(benchmark::State& state, std::string mode, source s) {
  if (!usable(state, *s.in)) return;
  const verdict& v = verify(mode, s);
  if (!v.ok) {
    state.SkipWithError(("not the golden result: " + v.error).c_str());
    return;
  }
  const std::string name = s.in->name + ".log";
  mode_result m;
  for (auto _ : state) {
    if (mode == "event")
      m = run_event(s);
    else if (mode == "report")
      m = run_report(s);
    else
      m = run_json(s, name);
    benchmark::DoNotOptimize(m);
  }
  set_common(state, *s.in);
  state.counters["transactions"] = static_cast<double>(m.transactions);
  state.counters["packages"] = static_cast<double>(m.stats.packages);
  state.counters["lines"] = static_cast<double>(m.stats.lines);
  state.counters["span_extended"] = static_cast<double>(v.extended);
  if (mode == "json")
    state.counters["json_MB"] = static_cast<double>(m.json_bytes) / 1e6;
}

std::string mb_label(std::uint64_t bytes) {
  if (bytes >= 1'000'000'000 && bytes % 1'000'000'000 == 0)
    return std::to_string(bytes / 1'000'000'000) + "GB";
  return std::to_string(bytes / 1'000'000) + "MB";
}

void register_all() {
  for (const family& f : families()) {
    const std::string fam = f.name;
    auto reg = [&](const std::string& name, auto fn) {
      benchmark::RegisterBenchmark(name.c_str(), fn)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    };
    reg(fam + "/memchr/whole",
        [fam](benchmark::State& st) { bm_memchr(st, fam); });
    reg(fam + "/memcpy/whole",
        [fam](benchmark::State& st) { bm_memcpy(st, fam); });
    reg(fam + "/naive/whole",
        [fam](benchmark::State& st) { bm_naive(st, fam); });
    for (const char* mode : {"event", "report", "json"})
      for (std::size_t chunk : {std::size_t{0}, kChunk64K}) {
        const std::string label = chunk ? "64KiB" : "whole";
        const std::string m = mode;
        reg(fam + "/" + m + "/" + label,
            [fam, m, chunk, label](benchmark::State& st) {
              bm_aptparse(st, m, source{&family_input(fam), {}, chunk, label});
            });
      }
  }
  for (const char* mode : {"event", "json"}) {
    const std::string m = mode;
    for (std::uint64_t bytes : {std::uint64_t{1'000'000},
                                std::uint64_t{10'000'000}, g_family_bytes}) {
      benchmark::RegisterBenchmark(
          ("scaling/" + m + "/" + mb_label(bytes)).c_str(),
          [m, bytes](benchmark::State& st) {
            bm_aptparse(st, m,
                        source{&scaling_input(bytes), {}, kChunk1M, "1MiB"});
          })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
    benchmark::RegisterBenchmark(
        ("scaling/" + m + "/" + mb_label(g_big_bytes) + "-file").c_str(),
        [m](benchmark::State& st) {
          std::string path, error;
          const input& in = big_input(path, error);
          if (!error.empty()) {
            st.SkipWithError(error.c_str());
            return;
          }
          bm_aptparse(st, m, source{&in, path, kChunk1M, "file-1MiB"});
        })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
}

bool flag(const char* arg, const char* name, std::string& value) {
  const std::size_t n = std::strlen(name);
  if (std::strncmp(arg, name, n) != 0 || arg[n] != '=') return false;
  value = arg + n + 1;
  return true;
}

}  // namespace
}  // namespace aptbench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string v;
    if (aptbench::flag(argv[i], "--family-mb", v))
      aptbench::g_family_bytes = std::stoull(v) * 1'000'000;
    else if (aptbench::flag(argv[i], "--big-mb", v))
      aptbench::g_big_bytes = std::stoull(v) * 1'000'000;
    else if (aptbench::flag(argv[i], "--data-dir", v))
      aptbench::g_data_dir = v;
    else {
      std::fprintf(stderr, "bench_parser: unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  aptbench::register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

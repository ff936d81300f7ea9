#include "cli/run.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "aptparse/aptparse.h"
#include "cli/compare_command.h"
#include "cli/fail_on.h"
#include "cli/flags.h"
#include "cli/log_set.h"
#include "cli/ordered_output.h"
#include "cli/progress.h"
#include "cli/report_command.h"
#include "cli/text_report.h"
#include "io/log_reader.h"

namespace aptparse::cli {
namespace {

// What every input of a run shares.
struct context {
  const settings& cfg;
  const streams& io;
  progress_meter* meter;  // null: no progress shown
};

// What parsing one input produced, besides its output.
struct outcome {
  std::string error;  // why the input could not be read, or ""
  std::string note;   // what an input without transactions held, or ""
  std::uint64_t transactions = 0;
  unsigned failed = 0;  // the --fail-on reasons met
};

// Output is handed to `flush` in blocks of about this size (or after
// every transaction under --unbuffered): one write per block, not one per
// transaction (a history.log entry prints a few hundred bytes).
constexpr std::size_t kOutputBlock = std::size_t{1} << 20;

// A JSON line at least this long goes straight from the JSON writer's
// memory to the output when the output can be written at once (one file at
// a time, or the file whose turn it is under -j): dense plans print lines
// of ~200 KB, which a copy into the block would copy once more, byte for
// byte, for no fewer writes.
constexpr std::size_t kDirectLine = std::size_t{64} << 10;

// Where one input's output goes. When a block of output is ready, `flush`
// may write and clear it; what it leaves is the caller's to write.
// `write_through` writes the block and then a line, without copying the
// line into the block first; or, like `flush`, keeps both for later.
struct output_sink {
  std::function<void(std::string&)> flush;
  std::function<void(std::string&, std::string_view)> write_through;
};

// Parses one input, appending its output to `output`. The caller passes
// the same string for every input: its capacity is kept, so a run does not
// allocate (and fault in) a fresh output buffer per file.
outcome run_one(const context& ctx, const std::string& path,
                std::string& output, const output_sink& sink) {
  const settings& cfg = ctx.cfg;
  outcome result;
  const std::string source = path == "-" ? "-" : path;
  // Made once per input, not per transaction.
  const std::function<void(std::string_view)> put_line =
      [&](std::string_view line) {
        if (line.size() >= kDirectLine) {
          sink.write_through(output, line);
        } else {
          output.append(line);
        }
      };
  report_builder builder(cfg.parse, [&](transaction&& t) {
    ++result.transactions;
    result.failed |= fail_reasons(t) & cfg.fail_on;
    if (cfg.json)
      write_json_line(t, source, put_line);
    else
      append_text(output, t, source);
    if (cfg.unbuffered || output.size() >= kOutputBlock) sink.flush(output);
  });
  parser p(builder, cfg.parse);
  result.error = feed_input(p, path, ctx.io, ctx.meter);
  // Nothing is lost silently: an input with no apt run says what it held.
  const report rest = builder.take_report();
  if (result.transactions == 0 && p.stats().lines > 0)
    result.note = fmt::format(
        "no apt transaction in {} lines ({} unrecognized{})", p.stats().lines,
        rest.unrecognized_count,
        rest.diagnostics.empty()
            ? ""
            : fmt::format(", {}", error_message(rest.diagnostics[0].code)));
  sink.flush(output);
  if (ctx.meter) ctx.meter->file_done();
  return result;
}

// Writes "aptparse: FILE: what" to stderr, after the output so far.
void report(const context& ctx, const std::string& path,
            const std::string& what) {
  if (what.empty()) return;
  std::fflush(ctx.io.out);
  const std::string text = fmt::format(
      "aptparse: {}: {}\n", path == "-" ? "(standard input)" : path, what);
  if (ctx.meter)
    ctx.meter->message(text);
  else
    fmt::print(ctx.io.err, "{}", text);
}

void report_outcome(const context& ctx, const std::string& path,
                    const outcome& o) {
  report(ctx, path, o.note);
  report(ctx, path, o.error);
}

// The exit status of a run (see exit_docs()).
int exit_status(bool error, unsigned failed, bool found) {
  return error    ? exit_error
         : failed ? exit_check_failed
         : found  ? exit_found
                  : exit_none;
}

std::unique_ptr<progress_meter> make_meter_sized(const settings& cfg,
                                                 const streams& io,
                                                 bool terminal,
                                                 std::uint64_t total) {
  using std::chrono::milliseconds;
  // Unasked, it waits a second: short runs stay quiet.
  const milliseconds delay(cfg.progress == progress_mode::on ? 0 : 1000);
  const milliseconds interval(terminal ? 200 : 1000);
  return std::make_unique<progress_meter>(io.err, terminal, delay, interval,
                                          cfg.files.size(), total);
}

// The progress meter the settings ask for, or null.
std::unique_ptr<progress_meter> make_meter(const settings& cfg,
                                           const streams& io) {
  const bool terminal = isatty(fileno(io.err)) != 0;
  if (cfg.progress == progress_mode::off ||
      (cfg.progress == progress_mode::automatic && !terminal))
    return nullptr;
  std::uint64_t total = 0;
  for (const std::string& path : cfg.files) {
    struct stat st;
    if (path == "-") return make_meter_sized(cfg, io, terminal, 0);
    if (stat(path.c_str(), &st) == 0) total += st.st_size;
  }
  return make_meter_sized(cfg, io, terminal, total);
}

// Parses the files on `jobs` threads and prints the results in file order.
int run_parallel(const context& ctx, unsigned jobs) {
  const settings& cfg = ctx.cfg;
  const std::size_t n = cfg.files.size();
  ordered_output out(ctx.io.out, cfg.unbuffered);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> error{false}, found{false};
  std::atomic<unsigned> failed{0};

  auto worker = [&] {
    // This thread's output buffer, reused file after file, made as large
    // as a file's output kept before it spills once: growing it by
    // doubling would fault in and copy 1 + 2 + 4 + 8 MiB on the way.
    std::string text;
    text.reserve(ordered_output::kSpillBytes + kOutputBlock);
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      out.wait_to_start(i, 2 * jobs);
      const std::string& path = cfg.files[i];
      outcome o =
          run_one(ctx, path, text,
                  {.flush = [&](std::string& block) { out.write(i, block); },
                   .write_through =
                       [&](std::string& block, std::string_view line) {
                         out.write(i, block, line);
                       }});
      if (o.transactions > 0) found = true;
      if (!o.error.empty()) error = true;
      failed |= o.failed;
      out.finish(i, text, [&ctx, &path, o = std::move(o)] {
        report_outcome(ctx, path, o);
      });
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  if (out.lost_output()) {
    fmt::print(ctx.io.err,
               "aptparse: output held in a temporary file could not be read "
               "back: the output is incomplete\n");
    error = true;
  }
  return exit_status(error, failed, found);
}

}  // namespace

std::string feed_input(parser& p, const std::string& path, const streams& io,
                       progress_meter* meter) {
  status st;
  std::string error = aptparse::io::read_log(path,
                                             [&](std::string_view chunk) {
                                               if (meter)
                                                 meter->add_bytes(chunk.size());
                                               st = p.feed(chunk);
                                               return st.ok();
                                             },
                                             {.standard_input = io.in})
                          .message;
  if (st.ok()) st = p.finish();
  if (error.empty() && !st.ok())
    error = fmt::format("line {}: {}", st.where.line, error_message(st.code));
  return error;
}

int run(std::span<const std::string> args, const streams& io) {
  if (!args.empty() && args[0] == kReportCommand)
    return run_report_in_python(args.subspan(1), io);
  settings cfg;
  std::string usage_error;
  if (!parse_flags(args, cfg, usage_error)) {
    fmt::print(io.err,
               "aptparse: {}\nUsage: aptparse [OPTIONS] [FILE...]\n"
               "Try 'aptparse --help' for more information.\n",
               usage_error);
    return exit_error;
  }
  if (cfg.help) {
    fmt::print(io.out, "{}", help_text());
    std::fflush(io.out);
    return exit_found;
  }
  if (cfg.version) {
    // The library linked can differ from the headers built against (a
    // shared library); the JSON schema is the one this program writes.
    fmt::print(io.out, "aptparse {} (library {}, JSON schema {})\n",
               APTPARSE_VERSION_STRING, version(),
               APTPARSE_JSON_SCHEMA_VERSION);
    std::fflush(io.out);
    return exit_found;
  }
  if (cfg.compare) {
    if (cfg.files.size() == 2) return run_compare(cfg, io);
    fmt::print(io.err,
               "aptparse: --compare needs two files, PLAN and OUTCOME\n"
               "Try 'aptparse --help' for more information.\n");
    return exit_error;
  }
  if (cfg.files.empty()) cfg.files.emplace_back("-");
  expand_log_dirs(cfg.files);
  cfg.parse.apt_runs = history_runs(cfg.files, cfg.parse);
  unsigned jobs =
      cfg.jobs ? cfg.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, cfg.files.size()));
  const std::unique_ptr<progress_meter> meter = make_meter(cfg, io);
  const context ctx{cfg, io, meter.get()};
  if (jobs > 1) {
    const int code = run_parallel(ctx, jobs);
    std::fflush(io.out);
    return code;
  }

  bool found = false, error = false;
  unsigned failed = 0;
  std::string text;
  const auto put = [&](std::string_view bytes) {
    std::fwrite(bytes.data(), 1, bytes.size(), io.out);
  };
  const output_sink straight{
      .flush =
          [&](std::string& block) {
            put(block);
            block.clear();
            if (cfg.unbuffered) std::fflush(io.out);
          },
      .write_through =
          [&](std::string& block, std::string_view line) {
            put(block);
            block.clear();
            put(line);
          }};
  for (const std::string& path : cfg.files) {
    outcome o = run_one(ctx, path, text, straight);
    report_outcome(ctx, path, o);
    if (!o.error.empty()) error = true;
    if (o.transactions > 0) found = true;
    failed |= o.failed;
  }
  std::fflush(io.out);
  return exit_status(error, failed, found);
}

}  // namespace aptparse::cli

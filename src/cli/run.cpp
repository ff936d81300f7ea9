#include "cli/run.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include "aptparse/aptparse.h"
#include "cli/compare_command.h"
#include "cli/flags.h"
#include "cli/log_set.h"
#include "cli/ordered_output.h"
#include "cli/text_report.h"
#include "io/log_reader.h"

namespace aptparse::cli {
namespace {

// What parsing one input produced.
struct outcome {
  std::string output;  // text or JSON Lines, when buffered
  std::string error;   // why the input could not be read, or ""
  std::string note;    // what an input without transactions held, or ""
  std::uint64_t transactions = 0;
};

// Output is handed to `flush` in blocks of about this size (or after
// every transaction under --unbuffered): one write per block, not one per
// transaction (a history.log entry prints a few hundred bytes).
constexpr std::size_t kOutputBlock = std::size_t{1} << 20;

// Parses one input. When a block of output is ready, `flush` may write and
// clear it; what it leaves is in the outcome.
outcome run_one(const settings& cfg, const streams& io, const std::string& path,
                const std::function<void(std::string&)>& flush) {
  outcome result;
  const std::string source = path == "-" ? "-" : path;
  report_builder builder(cfg.parse, [&](transaction&& t) {
    ++result.transactions;
    if (cfg.json) {
      append_json(result.output, t, source);
      result.output += '\n';
    } else {
      append_text(result.output, t, source);
    }
    if (cfg.unbuffered || result.output.size() >= kOutputBlock)
      flush(result.output);
  });
  parser p(builder, cfg.parse);
  result.error = feed_input(p, path, io);
  // Nothing is lost silently: an input with no apt run says what it held.
  const report rest = builder.take_report();
  if (result.transactions == 0 && p.stats().lines > 0)
    result.note = fmt::format(
        "no apt transaction in {} lines ({} unrecognized{})", p.stats().lines,
        rest.unrecognized_count,
        rest.diagnostics.empty()
            ? ""
            : fmt::format(", {}", error_message(rest.diagnostics[0].code)));
  flush(result.output);
  return result;
}

// Writes "aptparse: FILE: what" to stderr, after the output so far.
void report(const streams& io, const std::string& path,
            const std::string& what) {
  if (what.empty()) return;
  std::fflush(io.out);
  fmt::print(io.err, "aptparse: {}: {}\n",
             path == "-" ? "(standard input)" : path, what);
}

void report_outcome(const streams& io, const std::string& path,
                    const outcome& o) {
  report(io, path, o.note);
  report(io, path, o.error);
}

// Parses the files on `jobs` threads and prints the results in file order.
int run_parallel(const settings& cfg, const streams& io, unsigned jobs) {
  const std::size_t n = cfg.files.size();
  ordered_output out(io.out, cfg.unbuffered);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> error{false}, found{false};

  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      out.wait_to_start(i, 2 * jobs);
      const std::string& path = cfg.files[i];
      outcome o = run_one(cfg, io, path,
                          [&](std::string& text) { out.write(i, text); });
      if (o.transactions > 0) found = true;
      if (!o.error.empty()) error = true;
      std::string rest = std::move(o.output);
      o.output.clear();
      out.finish(i, std::move(rest), [&io, &path, o = std::move(o)] {
        report_outcome(io, path, o);
      });
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  return error ? exit_error : (found ? exit_found : exit_none);
}

}  // namespace

std::string feed_input(parser& p, const std::string& path, const streams& io) {
  status st;
  std::string error = aptparse::io::read_log(path,
                                             [&](std::string_view chunk) {
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
  if (jobs > 1) {
    const int code = run_parallel(cfg, io, jobs);
    std::fflush(io.out);
    return code;
  }

  int code = exit_none;
  bool error = false;
  for (const std::string& path : cfg.files) {
    outcome o = run_one(cfg, io, path, [&](std::string& text) {
      std::fwrite(text.data(), 1, text.size(), io.out);
      text.clear();
      if (cfg.unbuffered) std::fflush(io.out);
    });
    report_outcome(io, path, o);
    if (!o.error.empty()) error = true;
    if (o.transactions > 0) code = exit_found;
  }
  std::fflush(io.out);
  return error ? exit_error : code;
}

}  // namespace aptparse::cli

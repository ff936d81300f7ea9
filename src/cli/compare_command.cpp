#include "cli/compare_command.h"

#include <fmt/format.h>

#include <cstdio>

#include "aptparse/aptparse.h"

namespace aptparse::cli {
namespace {

struct side {
  report parsed;
  std::string error;  // why the input could not be read, or ""
};

// Parses all of `path` into one report.
side read_side(const settings& cfg, const streams& io,
               const std::string& path) {
  side s;
  report_builder builder(cfg.parse);
  parser p(builder, cfg.parse);
  s.error = feed_input(p, path, io);
  s.parsed = builder.take_report();
  return s;
}

int fail(const streams& io, const std::string& path, std::string_view what,
         int code) {
  fmt::print(io.err, "aptparse: {}: {}\n",
             path == "-" ? "(standard input)" : path, what);
  return code;
}

}  // namespace

int run_compare(const settings& cfg, const streams& io) {
  const std::string& plan_path = cfg.files[0];
  const std::string& outcome_path = cfg.files[1];
  const side plan = read_side(cfg, io, plan_path);
  if (!plan.error.empty()) return fail(io, plan_path, plan.error, exit_error);
  const side outcome = read_side(cfg, io, outcome_path);
  if (!outcome.error.empty())
    return fail(io, outcome_path, outcome.error, exit_error);
  if (plan.parsed.transactions.empty())
    return fail(io, plan_path, "no apt transaction: nothing planned",
                exit_none);
  if (outcome.parsed.transactions.empty())
    return fail(io, outcome_path, "no apt transaction: no outcome", exit_none);

  const std::vector<comparison> runs =
      compare_runs(plan.parsed.transactions, outcome.parsed.transactions);
  std::string out;
  bool all_happened = true;
  for (const comparison& c : runs) {
    if (cfg.json) {
      append_json(out, c, plan_path, outcome_path);
      out += '\n';
    } else {
      append_compare_text(out, c, plan_path, outcome_path);
    }
    all_happened = all_happened && c.all_happened();
  }
  std::fwrite(out.data(), 1, out.size(), io.out);
  std::fflush(io.out);
  return all_happened ? exit_found : exit_check_failed;
}

}  // namespace aptparse::cli

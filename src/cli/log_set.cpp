#include "cli/log_set.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <tuple>

#include "aptparse/aptparse.h"
#include "io/log_reader.h"

namespace aptparse::cli {
namespace {

namespace fs = std::filesystem;

// history.log's first line (apt-pkg/deb/dpkgpm.cc writes a blank line
// before each record).
constexpr std::string_view kHistoryStart = "Start-Date: ";

constexpr std::string_view kLogNames[] = {"dpkg.log", "history.log",
                                          "term.log"};

// The log a file name is one of, and its rotation ("dpkg.log.2.gz": 2;
// "dpkg.log": 0). False if it is none of them.
bool log_name(const std::string& file, std::string_view& base,
              unsigned long& rotation) {
  for (std::string_view name : kLogNames) {
    if (!std::string_view(file).starts_with(name)) continue;
    std::string_view rest = std::string_view(file).substr(name.size());
    if (!rest.empty() && rest[0] != '.') continue;
    base = name;
    rotation = rest.empty() ? 0 : std::strtoul(rest.data() + 1, nullptr, 10);
    return true;
  }
  return false;
}

std::vector<std::string> logs_in(const std::string& dir) {
  std::vector<std::tuple<std::string_view, unsigned long, std::string>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    std::string_view base;
    unsigned long rotation = 0;
    if (entry.is_regular_file(ec) && log_name(file, base, rotation))
      found.emplace_back(base, rotation, entry.path().string());
  }
  // By name, then the oldest rotation (the highest number) first.
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(b)) <
           std::tie(std::get<0>(b), std::get<1>(a));
  });
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(std::get<2>(f)));
  return out;
}

}  // namespace

void expand_log_dirs(std::vector<std::string>& files) {
  std::vector<std::string> out;
  for (std::string& path : files) {
    std::error_code ec;
    std::vector<std::string> logs;
    if (path != "-" && fs::is_directory(path, ec)) logs = logs_in(path);
    if (logs.empty()) {
      out.push_back(std::move(path));
    } else {
      for (std::string& log : logs) out.push_back(std::move(log));
    }
  }
  files = std::move(out);
}

bool is_history_log(const std::string& path) {
  bool history = false;
  (void)io::read_log(path, [&](std::string_view chunk) {
    const std::size_t at = chunk.find_first_not_of("\r\n");
    if (at == std::string_view::npos) return true;  // only line ends yet
    history = chunk.substr(at).starts_with(kHistoryStart);
    return false;
  });
  return history;
}

std::vector<run_window> history_runs(const std::vector<std::string>& files,
                                     const options& opts) {
  std::vector<run_window> runs;
  for (const std::string& path : files) {
    if (path == "-" || !is_history_log(path)) continue;
    report_builder builder(opts);
    parser p(builder, opts);
    (void)io::read_log(
        path, [&](std::string_view chunk) { return p.feed(chunk).ok(); });
    (void)p.finish();
    for (run_window& run : apt_runs_of(builder.take_report()))
      runs.push_back(std::move(run));
  }
  return runs;
}

}  // namespace aptparse::cli

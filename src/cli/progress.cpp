#include "cli/progress.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/text_report.h"

namespace aptparse::cli {

progress_meter::progress_meter(std::FILE* err, bool terminal,
                               clock::duration delay, clock::duration interval,
                               std::uint64_t total_files,
                               std::uint64_t total_bytes)
    : err_(err),
      terminal_(terminal),
      delay_(delay),
      interval_(interval),
      total_files_(total_files),
      total_bytes_(total_bytes),
      thread_([this] { loop(); }) {}

progress_meter::~progress_meter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  std::lock_guard lock(mu_);
  // Not only `shown_`: the thread may not have woken before the run ended
  // (a forced meter, delay 0, on a busy machine), and the last line is due.
  if (shown_ || clock::now() - start_ >= delay_) draw(true);
}

void progress_meter::loop() {
  std::unique_lock lock(mu_);
  if (cv_.wait_until(lock, start_ + delay_, [this] { return stop_; })) return;
  while (true) {
    draw(false);
    if (cv_.wait_for(lock, interval_, [this] { return stop_; })) return;
  }
}

std::string progress_meter::line(std::uint64_t files, std::uint64_t total_files,
                                 std::uint64_t bytes, std::uint64_t total_bytes,
                                 double seconds) {
  std::string out = fmt::format("aptparse: {}/{} files, {}", files, total_files,
                                human_bytes(bytes));
  if (total_bytes > 0) out += fmt::format(" of {}", human_bytes(total_bytes));
  const double rate = seconds > 0 ? bytes / seconds : 0;
  out += fmt::format(", {}/s", human_bytes(rate));
  if (total_bytes > 0 && rate > 0) {
    const auto left = static_cast<std::uint64_t>(
        (total_bytes - std::min(bytes, total_bytes)) / rate + 0.5);
    out += fmt::format(", ETA {}:{:02}", left / 60, left % 60);
  }
  return out;
}

void progress_meter::draw(bool last) {
  const double seconds =
      std::chrono::duration<double>(clock::now() - start_).count();
  // A compressed file's decompressed bytes can outrun its size on disk.
  const std::uint64_t bytes =
      total_bytes_ > 0 ? std::min(bytes_.load(), total_bytes_) : bytes_.load();
  const std::string text =
      line(files_.load(), total_files_, bytes, total_bytes_, seconds);
  if (terminal_)
    fmt::print(err_, "\r{}\x1b[K{}", text, last ? "\n" : "");
  else
    fmt::print(err_, "{}\n", text);
  std::fflush(err_);
  shown_ = true;
}

void progress_meter::message(const std::string& text) {
  std::lock_guard lock(mu_);
  if (terminal_ && shown_) fmt::print(err_, "\r\x1b[K");
  fmt::print(err_, "{}", text);
  if (terminal_ && shown_) draw(false);
}

}  // namespace aptparse::cli

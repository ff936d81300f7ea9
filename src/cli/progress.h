// Progress of a long run on standard error: files, bytes, rate and ETA.
//
//   aptparse: 812/10000 files, 161.2 MB of 2.0 GB, 48.3 MB/s, ETA 0:38
//
// On a terminal the line is redrawn in place (carriage return) and shown
// only once the run has taken `delay`; forced onto a file or pipe, each
// update is a line of its own. The last update, with every file done, is
// written when any was or when the run took `delay`: a forced meter (delay
// 0) always writes it, however soon the run ends.
#ifndef APTPARSE_SRC_CLI_PROGRESS_H_
#define APTPARSE_SRC_CLI_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace aptparse::cli {

class progress_meter {
 public:
  using clock = std::chrono::steady_clock;
  // `total_bytes` is 0 when unknown (standard input): no ETA then.
  progress_meter(std::FILE* err, bool terminal, clock::duration delay,
                 clock::duration interval, std::uint64_t total_files,
                 std::uint64_t total_bytes);
  ~progress_meter();  // writes the last update (see above)
  progress_meter(const progress_meter&) = delete;
  progress_meter& operator=(const progress_meter&) = delete;

  void add_bytes(std::uint64_t n) { bytes_.fetch_add(n); }
  void file_done() { files_.fetch_add(1); }
  // Writes `text` (a message) to the stream, with the progress line out of
  // the way on a terminal.
  void message(const std::string& text);

  // The line for these figures (exposed for tests).
  static std::string line(std::uint64_t files, std::uint64_t total_files,
                          std::uint64_t bytes, std::uint64_t total_bytes,
                          double seconds);

 private:
  void loop();
  void draw(bool last);  // under mu_

  std::FILE* err_;
  bool terminal_;
  clock::time_point start_ = clock::now();
  clock::duration delay_, interval_;
  std::uint64_t total_files_, total_bytes_;
  std::atomic<std::uint64_t> files_{0}, bytes_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool shown_ = false;
  std::thread thread_;
};

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_PROGRESS_H_

// The output of files parsed in parallel, in file order, in bounded memory:
// the file whose turn it is writes straight through as its transactions
// end; the others keep their output until their turn, in memory up to
// kSpillBytes and in an unnamed temporary file beyond, so that a run over
// many large files stays flat in memory.
#ifndef APTPARSE_SRC_CLI_ORDERED_OUTPUT_H_
#define APTPARSE_SRC_CLI_ORDERED_OUTPUT_H_

#include <sys/sendfile.h>
#include <sys/types.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace aptparse::cli {

class ordered_output {
 public:
  ordered_output(std::FILE* out, bool unbuffered)
      : out_(out), unbuffered_(unbuffered) {}

  // Blocks until file `i` may start: at most `window` files ahead of the
  // one whose turn it is, which bounds what can be buffered.
  void wait_to_start(std::size_t i, std::size_t window) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return i < turn_ + window; });
  }

  // New output of file `i`: written (and cleared) if it is i's turn, else
  // kept in `text` by the caller, or spilled to a temporary file when it
  // grows large.
  void write(std::size_t i, std::string& text) {
    if (text.empty()) return;
    if (turn_.load(std::memory_order_acquire) == i) {
      std::FILE* spilled = take_spill(i);
      if (spilled) copy_out(spilled);
      emit(text);
      text.clear();
      return;
    }
    if (text.size() >= kSpillBytes) spill(text, spill_of(i));
  }

  // File `i` is done: `text` is its unwritten output, `after` writes its
  // notes and errors (to stderr) once its output is out. `text` is left
  // empty with its capacity, for the worker's next file: a buffer handed
  // over here would have to be allocated again, and its pages faulted in
  // again, for every file (page faults serialise the threads on the
  // process's memory map; two processes do not share one).
  void finish(std::size_t i, std::string& text, std::function<void()> after) {
    write(i, text);
    // A file that has spilled keeps its tail on disk too, so memory holds
    // only the output of files that are small.
    if (!text.empty()) spill(text, find_spill(i));
    pending done{std::string(text), std::move(after)};
    text.clear();
    std::unique_lock lock(mu_);
    done_.emplace(i, std::move(done));
    if (emitting_) return;  // the thread handing on the turn takes it
    emitting_ = true;
    // Hand the turn on through every file that is complete. The copying
    // runs unlocked: other workers only need the lock to spill or to
    // finish, and nobody else writes to out_ until the turn moves on.
    for (auto it = done_.find(turn_); it != done_.end();
         it = done_.find(turn_)) {
      pending next = std::move(it->second);
      done_.erase(it);
      std::FILE* spilled = nullptr;
      if (auto s = spills_.find(turn_); s != spills_.end()) {
        spilled = s->second;
        spills_.erase(s);
      }
      lock.unlock();
      if (spilled) copy_out(spilled);
      emit(next.text);
      next.after();
      lock.lock();
      turn_.store(turn_ + 1, std::memory_order_release);
      cv_.notify_all();
    }
    emitting_ = false;
  }

 private:
  struct pending {
    std::string text;
    std::function<void()> after;
  };

  static constexpr std::size_t kSpillBytes = 8 << 20;

  void emit(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), out_);
    if (unbuffered_) std::fflush(out_);
  }

  // Copies a spill file to out_ and closes it: sendfile(2) when it can
  // (no copy through user space; this part of a -j run is serial), else
  // through a buffer.
  void copy_out(std::FILE* f) {
    std::fflush(f);
    std::fflush(out_);
    const int in = fileno(f), out = fileno(out_);
    off_t offset = 0;
    bool fallback = false;
    while (true) {
      const ssize_t n = ::sendfile(out, in, &offset, 1 << 30);
      if (n > 0) continue;
      if (n < 0 && errno == EINTR) continue;
      fallback = n < 0 && offset == 0;  // e.g. EINVAL: not supported here
      break;
    }
    if (fallback) {
      std::rewind(f);
      char buf[1 << 16];
      for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
        std::fwrite(buf, 1, n, out_);
    }
    std::fclose(f);
  }

  // Appends `text` to the spill file `f` and clears it; keeps it in memory
  // if there is no file or the write fails: correct, if not flat.
  static void spill(std::string& text, std::FILE* f) {
    if (f != nullptr &&
        std::fwrite(text.data(), 1, text.size(), f) == text.size())
      text.clear();
  }

  // The spill file of file `i`, made on first use (null if it cannot be).
  std::FILE* spill_of(std::size_t i) {
    std::lock_guard lock(mu_);
    auto [it, fresh] = spills_.try_emplace(i, nullptr);
    if (fresh) it->second = std::tmpfile();
    return it->second;
  }

  // The spill file of file `i`, or null if it has none.
  std::FILE* find_spill(std::size_t i) {
    std::lock_guard lock(mu_);
    auto it = spills_.find(i);
    return it == spills_.end() ? nullptr : it->second;
  }

  std::FILE* take_spill(std::size_t i) {
    std::lock_guard lock(mu_);
    auto it = spills_.find(i);
    if (it == spills_.end()) return nullptr;
    std::FILE* f = it->second;
    spills_.erase(it);
    return f;
  }

  std::FILE* const out_;
  const bool unbuffered_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<std::size_t> turn_{0};
  bool emitting_ = false;                // a finish() is handing on the turn
  std::map<std::size_t, pending> done_;  // finished before their turn
  std::map<std::size_t, std::FILE*> spills_;  // output spilled to disk
};

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_ORDERED_OUTPUT_H_

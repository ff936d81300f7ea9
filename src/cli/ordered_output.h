// The output of files parsed in parallel, in file order, in bounded memory:
// the file whose turn it is writes straight through as its transactions
// end; the others keep their output until their turn, in memory up to
// kSpillBytes and in an unnamed temporary file beyond (spill_file.h), so
// that a run over many large files stays flat in memory. A spill file that
// has been copied out is kept for the next file that spills.
#ifndef APTPARSE_SRC_CLI_ORDERED_OUTPUT_H_
#define APTPARSE_SRC_CLI_ORDERED_OUTPUT_H_

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "cli/spill_file.h"

namespace aptparse::cli {

class ordered_output {
 public:
  // The most output of a file kept in memory before it spills to disk.
  static constexpr std::size_t kSpillBytes = 8 << 20;

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
      write_now(i, text);
      return;
    }
    // Once a file has spilled, each new block follows while it is still
    // in the cache, rather than 8 MiB at a time.
    if (spill_file* f = find_spill(i)) {
      spill(text, f);
    } else if (text.size() >= kSpillBytes) {
      spill(text, spill_of(i));
    }
  }

  // A line of file `i` too large to copy into `text` first: written right
  // after `text` (which is then cleared) if it is i's turn; else appended to
  // `text` and kept as write() keeps text.
  void write(std::size_t i, std::string& text, std::string_view line) {
    if (turn_.load(std::memory_order_acquire) == i) {
      write_now(i, text);
      emit(line);
      return;
    }
    text.append(line);
    write(i, text);
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
      std::unique_ptr<spill_file> spilled = take_spill_locked(turn_);
      lock.unlock();
      copy_out(std::move(spilled));
      emit(next.text);
      next.after();
      lock.lock();
      turn_.store(turn_ + 1, std::memory_order_release);
      cv_.notify_all();
    }
    emitting_ = false;
  }

  // Whether output spilled to a temporary file could not be read back
  // whole (the output is then incomplete).
  bool lost_output() const { return lost_.load(std::memory_order_relaxed); }

 private:
  struct pending {
    std::string text;
    std::function<void()> after;
  };

  // File i's turn: its spilled output, then `text` (then cleared).
  void write_now(std::size_t i, std::string& text) {
    copy_out(take_spill(i));
    emit(text);
    text.clear();
  }

  void emit(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), out_);
    if (unbuffered_) std::fflush(out_);
  }

  // Copies a spill file to out_ (this part of a -j run is serial) and
  // keeps it for reuse.
  void copy_out(std::unique_ptr<spill_file> f) {
    if (!f) return;
    if (!f->copy_to(out_)) lost_.store(true, std::memory_order_relaxed);
    std::lock_guard lock(mu_);
    unused_spills_.push_back(std::move(f));
  }

  // Appends `text` to the spill file `f` and clears it; keeps it in memory
  // if there is no file or the write fails: correct, if not flat.
  static void spill(std::string& text, spill_file* f) {
    if (f != nullptr && f->append(text)) text.clear();
  }

  // The spill file of file `i`, made (or reused) on first use; null if
  // none can be made.
  spill_file* spill_of(std::size_t i) {
    std::lock_guard lock(mu_);
    std::unique_ptr<spill_file>& f = spills_[i];
    if (!f && !unused_spills_.empty()) {
      f = std::move(unused_spills_.back());
      unused_spills_.pop_back();
    }
    if (!f) f = spill_file::make();
    return f.get();
  }

  // The spill file of file `i`, or null if it has none.
  spill_file* find_spill(std::size_t i) {
    std::lock_guard lock(mu_);
    auto it = spills_.find(i);
    return it == spills_.end() ? nullptr : it->second.get();
  }

  std::unique_ptr<spill_file> take_spill(std::size_t i) {
    std::lock_guard lock(mu_);
    return take_spill_locked(i);
  }

  std::unique_ptr<spill_file> take_spill_locked(std::size_t i) {
    auto it = spills_.find(i);
    if (it == spills_.end()) return nullptr;
    std::unique_ptr<spill_file> f = std::move(it->second);
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
  std::map<std::size_t, std::unique_ptr<spill_file>> spills_;  // by file
  std::vector<std::unique_ptr<spill_file>> unused_spills_;     // copied out
  std::atomic<bool> lost_{false};  // a spill file could not be read back
};

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_ORDERED_OUTPUT_H_

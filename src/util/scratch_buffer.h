// A buffer for the length of a call that the calling thread's next call
// reuses: the 1 MiB read buffer of every log read (src/io/log_reader.cpp).
//
// Allocated and freed per file, a buffer that size is, from 128 KiB on,
// mmapped by glibc whenever its mmap threshold is fixed -- as it is when
// MALLOC_TRIM_THRESHOLD_ is set, which Dask's nannies do for every worker
// -- and unmapped when freed, so each file's read faulted in fresh, zeroed
// pages (bench/RESULTS.md, "Round 5: page faults in the nanny's
// workers"). The library does not retune malloc (no mallopt): the
// allocator settings are the process owner's.
//
// Each thread keeps the largest buffer it has released, if at most
// kMaxKeptBytes: the worst case retained is 1 MiB per thread that has read
// a log, freed when the thread exits. A buffer asked for while the
// thread's spare is in use (nested calls) is allocated afresh. The bytes
// are not initialised, reused or not.
#ifndef APTPARSE_SRC_UTIL_SCRATCH_BUFFER_H_
#define APTPARSE_SRC_UTIL_SCRATCH_BUFFER_H_

#include <cstddef>
#include <memory>
#include <utility>

namespace aptparse {

class scratch_buffer {
 public:
  static constexpr std::size_t kMaxKeptBytes = std::size_t{1} << 20;

  // At least `bytes` bytes (size() says how many).
  explicit scratch_buffer(std::size_t bytes) {
    spare& s = thread_spare();
    if (s.bytes && s.size >= bytes) {
      bytes_ = std::move(s.bytes);
      size_ = std::exchange(s.size, 0);
    } else {
      bytes_ = std::make_unique_for_overwrite<char[]>(bytes);
      size_ = bytes;
    }
  }
  ~scratch_buffer() {
    spare& s = thread_spare();
    if (size_ <= kMaxKeptBytes && size_ >= s.size) {
      s.bytes = std::move(bytes_);
      s.size = size_;
    }
  }
  scratch_buffer(const scratch_buffer&) = delete;
  scratch_buffer& operator=(const scratch_buffer&) = delete;

  char* data() const noexcept { return bytes_.get(); }
  std::size_t size() const noexcept { return size_; }

 private:
  struct spare {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
  };
  static spare& thread_spare() {
    thread_local spare s;
    return s;
  }

  std::unique_ptr<char[]> bytes_;
  std::size_t size_ = 0;
};

}  // namespace aptparse

#endif  // APTPARSE_SRC_UTIL_SCRATCH_BUFFER_H_

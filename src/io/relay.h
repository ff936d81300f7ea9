// Hands buffers from a producer thread to the calling thread: the
// producer fills one buffer while the caller works on another. Three
// buffers of a fixed size bound the memory whatever the input size.
#ifndef APTPARSE_SRC_IO_RELAY_H_
#define APTPARSE_SRC_IO_RELAY_H_

#include <array>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>

namespace aptparse::io {

class relay {
 public:
  // Fills a buffer; returns how many bytes it wrote, 0 at the end.
  using produce_fn = std::function<std::size_t(std::span<char>)>;
  // Takes a filled buffer; false stops the producer.
  using consume_fn = std::function<bool(std::string_view)>;

  explicit relay(std::size_t buffer_bytes);

  // Runs `produce` on a new thread and `consume` on this one, in order,
  // until `produce` returns 0 or `consume` false; returns when the
  // producer thread has ended (also when `consume` throws). An exception
  // from `produce` ends the run and is rethrown here.
  void run(const produce_fn& produce, const consume_fn& consume);

  // Whether `consume` returned false.
  bool stopped_early() const { return stopped_; }

 private:
  static constexpr std::size_t kSlots = 3;

  void produce_all(const produce_fn& produce);
  void produce_until_end(const produce_fn& produce);
  bool consume_one(std::size_t i, const consume_fn& consume);

  // Not zero-filled: a small input touches only the pages it fills.
  std::array<std::unique_ptr<char[]>, kSlots> buffers_;
  const std::size_t buffer_bytes_;
  std::array<std::size_t, kSlots> sizes_{};
  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t filled_ = 0;    // buffers filled so far
  std::size_t consumed_ = 0;  // buffers consumed so far
  bool producer_done_ = false;
  bool stopped_ = false;
  std::exception_ptr failure_;  // thrown by produce
};

}  // namespace aptparse::io

#endif  // APTPARSE_SRC_IO_RELAY_H_

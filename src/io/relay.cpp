#include "io/relay.h"

#include <thread>

namespace aptparse::io {

relay::relay(std::size_t buffer_bytes) : buffer_bytes_(buffer_bytes) {
  for (auto& b : buffers_)
    b = std::make_unique_for_overwrite<char[]>(buffer_bytes);
}

void relay::produce_all(const produce_fn& produce) {
  try {
    produce_until_end(produce);
  } catch (...) {  // e.g. bad_alloc: rethrown on the consumer's thread
    std::lock_guard lock(mu_);
    failure_ = std::current_exception();
  }
  std::lock_guard lock(mu_);
  producer_done_ = true;
  cv_.notify_all();
}

void relay::produce_until_end(const produce_fn& produce) {
  for (std::size_t i = 0;; ++i) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopped_ || i - consumed_ < kSlots; });
      if (stopped_) break;
    }
    // Slot i % kSlots is the producer's alone until filled_ passes i.
    const std::size_t n =
        produce(std::span<char>(buffers_[i % kSlots].get(), buffer_bytes_));
    {
      std::lock_guard lock(mu_);
      sizes_[i % kSlots] = n;
      if (n > 0) filled_ = i + 1;
    }
    cv_.notify_all();
    if (n == 0) break;
  }
}

// Consumes buffer i once it is filled; false at the end or on a stop.
bool relay::consume_one(std::size_t i, const consume_fn& consume) {
  std::size_t size = 0;
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return filled_ > i || producer_done_; });
    if (filled_ <= i) return false;
    size = sizes_[i % kSlots];
  }
  const bool more = consume(std::string_view(buffers_[i % kSlots].get(), size));
  {
    std::lock_guard lock(mu_);
    consumed_ = i + 1;
    stopped_ = !more;
  }
  cv_.notify_all();
  return more;
}

void relay::run(const produce_fn& produce, const consume_fn& consume) {
  std::thread producer([&] { produce_all(produce); });
  try {
    for (std::size_t i = 0; consume_one(i, consume); ++i) {
    }
  } catch (...) {
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
    producer.join();
    throw;
  }
  producer.join();
  if (failure_) std::rethrow_exception(failure_);
}

}  // namespace aptparse::io

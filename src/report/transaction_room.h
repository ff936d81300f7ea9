// How a report's list of transactions grows. Kept transactions are built in
// place in report::transactions, so every time the vector moves, each one
// built so far is moved and the new block's pages are faulted in. The room
// below keeps that to at most one move per transaction when the count is
// known (reserve()), and a third of them on average when it is not.
#ifndef APTPARSE_SRC_REPORT_TRANSACTION_ROOM_H_
#define APTPARSE_SRC_REPORT_TRANSACTION_ROOM_H_

#include <algorithm>
#include <cstddef>
#include <vector>

#include "aptparse/report.h"

namespace aptparse::detail {

class transaction_room {
 public:
  // `max_transactions`: options::max_transactions (0: no limit).
  explicit transaction_room(std::size_t max_transactions)
      : max_(max_transactions) {}

  // reserve(): room for just under 32 MiB of transactions at once, glibc's
  // largest dynamic mmap threshold. A block up to that size, once freed,
  // raises the threshold to its size and goes back to the heap, so the
  // next report's block is resident memory; a larger one is unmapped when
  // freed and the next report faults in its pages again (bench/PROFILE.md,
  // "#16: history report in Google Benchmark"). The rest of the room comes
  // when those are built.
  void reserve(std::vector<transaction>& ts, std::size_t transactions) {
    expected_ = clamp(transactions);
    ts.reserve(std::min(expected_, kFirstRoom / sizeof(transaction)));
  }

  // Room for one more. A full list jumps to the room reserve() was asked
  // for, else to four times its size (doubling moves every transaction and
  // faults in twice the final size of pages). Untouched room is address
  // space only.
  void make_room(std::vector<transaction>& ts) const {
    if (ts.size() < ts.capacity()) return;
    const std::size_t n = expected_ > ts.capacity()
                              ? expected_
                              : clamp(std::max<std::size_t>(64, ts.size() * 4));
    ts.reserve(std::max(n, ts.size() + 1));
  }

  // The report was taken: reserve() was for it.
  void forget() { expected_ = 0; }

 private:
  static constexpr std::size_t kFirstRoom = (std::size_t{32} << 20) - 8192;

  std::size_t clamp(std::size_t transactions) const {
    return max_ == 0 ? transactions : std::min(transactions, max_);
  }

  std::size_t max_;
  std::size_t expected_ = 0;  // reserve()'s count, clamped
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_TRANSACTION_ROOM_H_

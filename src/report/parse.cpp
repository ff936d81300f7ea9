// The one-shot parse(): a parser feeding a report_builder.
#include <algorithm>
#include <cstddef>

#include "aptparse/parser.h"
#include "aptparse/report.h"

namespace aptparse {
namespace {

// The fewest bytes of text per transaction among the real formats:
// history.log, one record per apt run, 380 bytes a record on average in
// the corpus (classic console output: several KiB a run; dpkg.log and
// term.log group many lines per run). Reserving text / 256 transactions
// makes room for every log we have seen, so the report never moves a
// transaction while it grows; the pages of room that stay unused are never
// touched, so they cost no memory.
constexpr std::size_t kMinBytesPerTransaction = 256;

// But no more than just under 32 MiB of transactions, glibc's largest
// dynamic mmap threshold: a block up to that size, once freed, raises the
// threshold to its size and goes back to the heap, so the next report's
// block is resident memory; a larger one is unmapped when freed and the
// next report faults in its pages again (bench/PROFILE.md, "#16: history
// report in Google Benchmark"). Past that the report grows as a vector does.
constexpr std::size_t kMaxReservedBytes = (std::size_t{32} << 20) - 8192;

std::size_t transactions_to_reserve(std::size_t text_bytes) {
  return std::min(text_bytes / kMinBytesPerTransaction + 1,
                  kMaxReservedBytes / sizeof(transaction));
}

}  // namespace

report parse(std::string_view text, const options& opts) {
  report_builder builder(opts);
  builder.reserve(transactions_to_reserve(text.size()));
  parser p(builder, opts);
  status st = p.feed(text);
  status fin = p.finish();
  report r = builder.take_report();
  r.stats = p.stats();
  r.error = st.ok() ? fin : st;
  return r;
}

}  // namespace aptparse

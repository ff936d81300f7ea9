// The one-shot parse(): a parser feeding a report_builder.
#include <cstddef>

#include "aptparse/parser.h"
#include "aptparse/report.h"

namespace aptparse {
namespace {

// The fewest bytes of text per transaction among the real formats:
// history.log, one record per apt run, 380 bytes a record on average in
// the corpus (classic console output: several KiB a run; dpkg.log and
// term.log group many lines per run). Reserving text / 256 transactions
// makes room for every log we have seen, so the report moves a
// transaction at most once while it grows (report_builder::reserve()); the
// pages of room that stay unused are never touched, so they cost no memory.
constexpr std::size_t kMinBytesPerTransaction = 256;

}  // namespace

report parse(std::string_view text, const options& opts) {
  report_builder builder(opts);
  builder.reserve(text.size() / kMinBytesPerTransaction + 1);
  parser p(builder, opts);
  status st = p.feed(text);
  status fin = p.finish();
  report r = builder.take_report();
  r.stats = p.stats();
  r.error = st.ok() ? fin : st;
  return r;
}

}  // namespace aptparse

// The one-shot parse(): a parser feeding a report_builder.
#include "aptparse/parser.h"
#include "aptparse/report.h"

namespace aptparse {

report parse(std::string_view text, const options& opts) {
  report_builder builder(opts);
  parser p(builder, opts);
  status st = p.feed(text);
  status fin = p.finish();
  report r = builder.take_report();
  r.stats = p.stats();
  r.error = st.ok() ? fin : st;
  return r;
}

}  // namespace aptparse

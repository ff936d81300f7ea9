// The parser facade: wires the stages together.
//   line_splitter -> strip_terminal_controls -> strip_ci_prefix
//     -> section_machine -> sink
#include "aptparse/parser.h"

#include <string>

#include "lines/ci_prefix.h"
#include "lines/line_splitter.h"
#include "lines/terminal_text.h"
#include "machine/section_machine.h"

namespace aptparse {
namespace detail {

class parser_impl {
 public:
  parser_impl(event_sink& sink, const options& opts)
      : opts_(opts), splitter_(opts.max_line_bytes), machine_(sink, opts) {}

  status feed(std::string_view chunk) {
    if (finished_) return sticky(errc::used_after_finish);
    if (stopped()) return machine_.failure();
    machine_.stats().bytes += chunk.size();
    splitter_.feed(chunk, [this](const raw_line& l) { on_line(l); });
    // Under options::strict the input ends with the violating line,
    // whichever chunk it came in.
    if (stopped()) machine_.stats().bytes = machine_.last_end_offset();
    return machine_.failure();
  }

  status finish() {
    if (finished_) return sticky(errc::used_after_finish);
    finished_ = true;
    if (!stopped()) splitter_.finish([this](const raw_line& l) { on_line(l); });
    machine_.finish();
    return machine_.failure();
  }

  void reset() {
    splitter_.reset();
    machine_.reset();
    misuse_ = status{};
    finished_ = false;
  }

  const parse_stats& stats() { return machine_.stats(); }
  const options& opts() const { return opts_; }

 private:
  // A strict violation stopped the parse (see options::strict).
  bool stopped() const { return !machine_.failure().ok(); }

  void on_line(const raw_line& l) {
    if (stopped()) return;
    const std::uint64_t end = l.where.offset + l.text.size() + l.dropped;
    std::string_view text =
        l.escape ? strip_terminal_controls(l.text, scratch_) : l.text;
    const prefix_result p = strip_ci_prefix(text);
    machine_.line(logical_line{.text = p.text,
                               .where = l.where,
                               .end_offset = end,
                               .dropped = l.dropped,
                               .prefix = p.kind,
                               .ci_status = p.ci_status});
  }

  status sticky(errc code) {
    if (misuse_.ok()) misuse_ = status{code, {}};
    return misuse_;
  }

  options opts_;
  line_splitter splitter_;
  section_machine machine_;
  std::string scratch_;
  status misuse_;
  bool finished_ = false;
};

}  // namespace detail

parser::parser(event_sink& sink, const options& opts)
    : impl_(std::make_unique<detail::parser_impl>(sink, opts)) {}
parser::~parser() = default;
parser::parser(parser&&) noexcept = default;
parser& parser::operator=(parser&&) noexcept = default;

status parser::feed(std::string_view chunk) noexcept {
  return impl_->feed(chunk);
}
status parser::finish() noexcept { return impl_->finish(); }
void parser::reset() noexcept { impl_->reset(); }
const parse_stats& parser::stats() const noexcept { return impl_->stats(); }
const options& parser::opts() const noexcept { return impl_->opts(); }

}  // namespace aptparse

// The parser facade: wires the stages together.
//   line_splitter -> strip_terminal_controls -> strip_ci_prefix
//     -> json_result -> quote_prefix -> section_machine -> sink
#include "aptparse/parser.h"

#include <string>

#include "classify/anchor_line.h"
#include "lines/ci_prefix.h"
#include "lines/json_result.h"
#include "lines/line_runs.h"
#include "lines/line_splitter.h"
#include "lines/line_start.h"
#include "lines/quote_prefix.h"
#include "lines/terminal_text.h"
#include "lines/transcript_noise.h"
#include "machine/section_machine.h"
#include "util/text.h"

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
    splitter_.feed(
        chunk, [this](const raw_line& l) { return on_line(l); },
        [this](std::string_view text, const position& where) {
          // A run line is followed by its line end: an empty one's first
          // byte is that.
          const run_start start =
              kRunStarts[static_cast<unsigned char>(*text.data())];
          if (start == run_start::plain)
            return machine_.plain_run_line(text, where);
          if (start == run_start::indent)
            return machine_.list_run_line(text, where);
          if (start == run_start::month)
            return !may_be_bsd_syslog(text) &&
                   machine_.plain_run_line(text, where);
          return start == run_start::blank && machine_.blank_run_line(where);
        });
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
    quote_.reset();
    json_.reset();
    staged_ = false;
    source_.clear();
    machine_.reset();
    misuse_ = status{};
    finished_ = false;
  }

  const parse_stats& stats() { return machine_.stats(); }
  const options& opts() const { return opts_; }

 private:
  // A strict violation stopped the parse (see options::strict).
  bool stopped() const { return !machine_.failure().ok(); }

  // True asks the splitter for a run (lines/line_runs.h): after a line
  // that went to the machine with no prefix in play, the lines that follow
  // go to the machine's run_line functions while they take them.
  bool on_line(const raw_line& l) {
    if (stopped()) return false;
    const std::uint64_t end = l.where.offset + l.text.size() + l.dropped;
    std::string_view text =
        l.escape ? strip_terminal_controls(l.text, scratch_) : l.text;
    const line_start start = start_of(text);
    if (!staged_) {
      const logical_line line{.text = text,
                              .where = l.where,
                              .end_offset = end,
                              .dropped = l.dropped};
      if (start == line_start::plain ||
          (start == line_start::indent && machine_.in_indented_block()) ||
          (start == line_start::month && !may_be_bsd_syslog(text))) {
        machine_.line(line);
        return runs_;
      }
    }
    prefixed_line(text, l.where, end, l.dropped);
    staged_ = quote_.active() || json_.wants_indented();
    return false;
  }

  // A line that may carry a CI or quote prefix, be a JSON result, or be a
  // fence or prompt of a document. Out of line: on_line runs for every line
  // and stays small.
  [[gnu::noinline]] void prefixed_line(std::string_view text,
                                       const position& where, std::uint64_t end,
                                       std::uint64_t dropped) {
    prefix_result p = strip_ci_prefix(text);
    if (p.kind == line_prefix::syslog) syslog_line(p);
    logical_line line{.text = p.text,
                      .where = where,
                      .end_offset = end,
                      .dropped = dropped,
                      .prefix = p.kind,
                      .ci_status = p.ci_status};
    if (p.ci_status) {
      machine_.line(line);
      return;
    }
    if (json_.wants_indented() || json_result::may_read(p.text)) {
      if (const json_result::reading r = json_.read(p.text);
          r != json_result::reading::none) {
        json_lines(r, line);
        return;
      }
    }
    const quote_prefix::result q =
        quote_.strip(p.text, machine_.in_indented_block());
    if (q.dropped) machine_.prefix_ended();
    // Behind a quote a prompt may start with its user name.
    const bool may_be_transcript =
        q.kind != line_prefix::none ||
        (!q.text.empty() && may_begin_transcript(q.text[0]));
    if (q.transcript || (may_be_transcript && is_transcript_noise(q.text))) {
      line.text = {};  // a prompt or fence: a blank line
      machine_.line(line);
      return;
    }
    line.text = q.text;
    machine_.line(line);
    // Noted after the line: a run_start that adopts it ends the previous
    // transaction first, which had none.
    if (q.adopted) machine_.note_prefix(q.kind);
    if (q.indent != 0) {  // the machine matched it, indent ignored
      const table_row* row = machine_.last_match();
      if (row != nullptr ? printed_at_column_zero(*row)
                         : machine_.last_was_dpkg_log()) {
        quote_.adopt_indent(q.text, q.indent);
        machine_.note_prefix(line_prefix::indent);
      }
    }
  }

  // A JSON result's line: its block's noise, a block's item, or the lines
  // of a decoded string.
  void json_lines(json_result::reading r, logical_line line) {
    if (r == json_result::reading::noise) {
      line.ci_status = true;  // counted as noise
      machine_.line(line);
      return;
    }
    if (line.prefix == line_prefix::none)
      line.prefix = line_prefix::json_string;
    for (std::string_view rest = json_.text(); !rest.empty();) {
      const std::string_view text = json_result::take_line(rest);
      line.text =
          has_escape(text) ? strip_terminal_controls(text, scratch_) : text;
      machine_.line(line);
    }
    // The string ended, so did apt's output: as after a blank line, no
    // list or message goes on into the JSON that follows.
    if (r == json_result::reading::decoded && machine_.in_indented_block()) {
      line.text = {};
      machine_.line(line);
    }
  }

  // A syslog line inside a list or a message: another program's (a sender
  // other than the list's) is noise, not an item; and as the journal drops
  // a message's leading blanks, apt's list indent with them, a line that the
  // tables do not know keeps the blank before it (that ends the prefix) as
  // its indent. Elsewhere every sender's lines are read, and the line's
  // sender becomes the one apt's lines have.
  void syslog_line(prefix_result& p) {
    if (!machine_.in_indented_block()) {
      if (p.source != source_) source_.assign(p.source);
      return;
    }
    if (p.source != source_) {
      p.ci_status = true;
      return;
    }
    const std::string_view text = p.text;
    if (!text.empty() && !is_space(text[0]) && !is_known_line(trim_right(text)))
      p.text = {text.data() - 1, text.size() + 1};
  }

  status sticky(errc code) {
    if (misuse_.ok()) misuse_ = status{code, {}};
    return misuse_;
  }

  options opts_;
  line_splitter splitter_;
  section_machine machine_;
  quote_prefix quote_{printed_at_column_zero, is_known_line};
  json_result json_;
  // A stage holds state that every line must see: a quote prefix was
  // adopted, or a JSON result's block may follow (its items are indented).
  bool staged_ = false;
  std::string scratch_;
  std::string source_;  // the sender of apt's syslog lines: syslog_line
  // false: every line the per-line way. Strict mode takes none: a
  // violation stops the parse at its line, and only on_line looks.
  const bool runs_ = line_runs() && !opts_.strict;
  status misuse_;
  bool finished_ = false;
};

namespace {
bool g_line_runs = true;
}  // namespace

bool line_runs() noexcept { return g_line_runs; }
void set_line_runs(bool on) noexcept { g_line_runs = on; }

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

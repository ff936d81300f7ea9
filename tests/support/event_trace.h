// A sink that writes every event as one line of text. Two parses gave the
// same events iff their traces are equal, which the chunking test and the
// differential fuzzer rely on.
#ifndef APTPARSE_TESTS_SUPPORT_EVENT_TRACE_H_
#define APTPARSE_TESTS_SUPPORT_EVENT_TRACE_H_

#include <fmt/format.h>

#include <string>

#include "aptparse/aptparse.h"

namespace aptparse::testing {

class event_trace : public event_sink {
 public:
  std::string text;

  void on_transaction_begin(const position& w) override { add("begin", w, ""); }
  void on_transaction_end(const transaction_span& s) override {
    text +=
        fmt::format("end {}:{} .. {}:{} end_offset={} complete={} prefix={}\n",
                    s.first.line, s.first.offset, s.last.line, s.last.offset,
                    s.end_offset, s.complete, prefix_name(s.prefix));
  }
  void on_section(pkg_set set, hold_reason reason, const position& w) override {
    add("section", w, fmt::format("{} {}", set_name(set), reason_name(reason)));
  }
  void on_package(const package_ref& p, const position& w) override {
    add("package", w,
        fmt::format("{} name={} arch={} q={} old={} new={} origins={} "
                    "note={} reason={} flags={}",
                    set_name(p.set), p.name, p.arch, p.arch_qualified,
                    p.old_version, p.new_version, p.origins, p.note,
                    reason_name(p.reason), p.flags));
  }
  void on_native_arch(std::string_view arch, const position& w) override {
    add("native_arch", w, arch);
  }
  void on_counts(const counts& c, const position& w) override {
    add("counts", w,
        fmt::format("{} {} {} {} {} {} {}", c.upgraded, c.newly_installed,
                    c.reinstalled, c.downgraded, c.to_remove, c.not_upgraded,
                    c.not_fully_installed));
  }
  void on_record_field(record_field f, std::string_view v,
                       const position& w) override {
    add("record", w, fmt::format("{} {}", record_field_name(f), v));
  }
  void on_size(size_kind k, std::uint64_t bytes, const position& w) override {
    add("size", w, fmt::format("{} {}", static_cast<int>(k), bytes));
  }
  void on_message(message_level l, std::string_view t,
                  const position& w) override {
    add("message", w, fmt::format("{} {}", level_name(l), t));
  }
  void on_message_continuation(std::string_view t, const position& w) override {
    add("message+", w, t);
  }
  void on_unrecognized(std::string_view t, const position& w) override {
    add("unrecognized", w, t);
  }
  void on_diagnostic(const diagnostic& d) override {
    add("diagnostic", d.where,
        fmt::format("{} dropped={}", error_name(d.code), d.dropped));
  }

 private:
  void add(std::string_view what, const position& w, std::string_view rest) {
    text += fmt::format("{} {}:{} {}\n", what, w.line, w.offset, rest);
  }
};

}  // namespace aptparse::testing

#endif  // APTPARSE_TESTS_SUPPORT_EVENT_TRACE_H_

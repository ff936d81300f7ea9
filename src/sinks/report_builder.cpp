// Stage 4: events -> transactions with owned data.
//
// Simulate lines repeat what the lists said, with more detail (arch,
// versions, origins); apt's -V lists add versions to names. The builder
// merges every mention of a package within one set of one transaction into
// one entry, keyed by the name as apt prints it ("foo" or "foo:i386").
#include <array>
#include <string>

#include "aptparse/report.h"
#include "sinks/package_index.h"

namespace aptparse {

class report_builder::state {
 public:
  state(const options& opts, callback on_done)
      : opts_(opts), on_done_(std::move(on_done)) {}

  void begin(const position& where) {
    cur_ = transaction{};
    cur_.span.first = where;
    // What came before the run (CI noise, an overlong line) is reported
    // with it.
    cur_.unrecognized_count = pending_.unrecognized_count;
    cur_.unrecognized = std::move(pending_.unrecognized);
    cur_.diagnostics = std::move(pending_.diagnostics);
    pending_ = report{};
    open_ = true;
    for (auto& index : index_) index.clear();
    dropped_.fill(0);
  }

  void end(const transaction_span& span) {
    if (!open_) return;
    cur_.span = span;
    for (int s = 0; s < pkg_set_count; ++s)
      if (dropped_[s] != 0)
        cur_.diagnostics.push_back(diagnostic{errc::too_many_packages,
                                              span.first, dropped_[s]});
    check_consistency(cur_);
    open_ = false;
    if (on_done_) {
      on_done_(std::move(cur_));
    } else if (opts_.max_transactions != 0 &&
               report_.transactions.size() >= opts_.max_transactions) {
      ++report_.dropped_transactions;
    } else {
      report_.transactions.push_back(std::move(cur_));
    }
    cur_ = transaction{};
  }

  void add(const package_ref& ref) {
    if (!open_) begin(position{});
    const int s = static_cast<int>(ref.set);
    std::vector<package>& set = cur_.set(ref.set);
    if ((ref.flags & flag_alternative) && !set.empty()) {
      std::string alt(ref.name);
      if (ref.arch_qualified) alt.append(":").append(ref.arch);
      set.back().alternatives.push_back(std::move(alt));
      return;
    }
    const std::string_view key_arch = key_arch_of(ref, set, index_[s]);
    const std::size_t h = detail::package_index::hash(ref.name, key_arch);
    if (long at = index_[s].find(set, ref.name, key_arch, h); at >= 0) {
      merge(set[static_cast<std::size_t>(at)], ref);
      return;
    }
    if (set.size() >= opts_.max_packages_per_list) {
      ++dropped_[s];
      return;
    }
    package& p = set.emplace_back();
    p.name.assign(ref.name);
    merge(p, ref);
    index_[s].insert(set, set.size() - 1, !key_arch.empty(), h);
  }

  void unrecognized(std::string_view text, const position& where) {
    auto& count = open_ ? cur_.unrecognized_count : pending_.unrecognized_count;
    auto& kept = open_ ? cur_.unrecognized : pending_.unrecognized;
    ++count;
    if (kept.size() < opts_.max_unrecognized_kept)
      kept.push_back(unrecognized_line{where, std::string(text)});
  }

  void diagnose(const diagnostic& d) {
    (open_ ? cur_.diagnostics : pending_.diagnostics).push_back(d);
  }

  transaction* current() { return open_ ? &cur_ : nullptr; }

  report take() {
    report out = std::move(report_);
    report_ = report{};
    // What no transaction followed stays with the report.
    out.unrecognized_count = pending_.unrecognized_count;
    out.unrecognized = std::move(pending_.unrecognized);
    out.diagnostics = std::move(pending_.diagnostics);
    pending_ = report{};
    return out;
  }

 private:
  // The key is the name as apt's lists print it: the bare name, or with
  // its arch for a foreign architecture. Returns the key's arch ("" for a
  // bare key). dpkg and apt's logs also qualify native names, so theirs are
  // keyed bare unless the arch is known to be foreign or the qualified key
  // is already there.
  std::string_view key_arch_of(const package_ref& ref,
                               const std::vector<package>& set,
                               const detail::package_index& index) {
    if ((ref.flags & flag_simulated) && !ref.arch_qualified &&
        !ref.arch.empty() && ref.arch != "all")
      native_arch_.assign(ref.arch);
    if (!ref.arch_qualified) return {};
    if (!(ref.flags & flag_log_arch) ||
        index.find(set, ref.name, ref.arch,
                   detail::package_index::hash(ref.name, ref.arch)) >= 0)
      return ref.arch;
    if (native_arch_.empty() || ref.arch == native_arch_ || ref.arch == "all")
      return {};
    return ref.arch;
  }

  static void fill(std::string& field, std::string_view value) {
    if (field.empty() && !value.empty()) field.assign(value);
  }

  static void merge(package& p, const package_ref& ref) {
    fill(p.arch, ref.arch);
    fill(p.old_version, ref.old_version);
    fill(p.new_version, ref.new_version);
    fill(p.origins, ref.origins);
    fill(p.note, ref.note);
    if (p.reason == hold_reason::none) p.reason = ref.reason;
    p.purge |= (ref.flags & flag_purge) != 0;
    p.automatic |= (ref.flags & flag_automatic) != 0;
    p.simulated |= (ref.flags & flag_simulated) != 0;
  }

  options opts_;
  callback on_done_;
  report report_;
  report pending_;  // outside any transaction, not yet followed by one
  transaction cur_;
  bool open_ = false;
  std::array<detail::package_index, pkg_set_count> index_;
  std::array<std::uint64_t, pkg_set_count> dropped_{};
  std::string native_arch_;  // learnt from simulate lines
};

report_builder::report_builder(const options& opts, callback on_done)
    : state_(std::make_unique<state>(opts, std::move(on_done))) {}
report_builder::~report_builder() = default;

report report_builder::take_report() { return state_->take(); }

void report_builder::on_transaction_begin(const position& where) {
  state_->begin(where);
}
void report_builder::on_transaction_end(const transaction_span& span) {
  state_->end(span);
}
void report_builder::on_section(pkg_set, hold_reason, const position&) {}
void report_builder::on_package(const package_ref& pkg, const position&) {
  state_->add(pkg);
}
void report_builder::on_counts(const counts& c, const position&) {
  if (transaction* t = state_->current()) t->counts = c;
}
void report_builder::on_size(size_kind kind, std::uint64_t bytes,
                             const position&) {
  transaction* t = state_->current();
  if (t == nullptr) return;
  sizes& s = t->sizes;
  const auto signed_bytes = static_cast<std::int64_t>(bytes);
  switch (kind) {
    case size_kind::download: s.download = bytes; break;
    case size_kind::download_total: s.download_total = bytes; break;
    case size_kind::disk_used: s.disk_change = signed_bytes; break;
    case size_kind::disk_freed: s.disk_change = -signed_bytes; break;
    case size_kind::disk_available: s.disk_available = bytes; break;
    case size_kind::boot_needed: s.boot_needed = bytes; break;
    case size_kind::boot_available: s.boot_available = bytes; break;
  }
}
void report_builder::on_message(message_level level, std::string_view text,
                                const position& where) {
  if (transaction* t = state_->current())
    t->messages.push_back(message{level, std::string(text), where});
}
void report_builder::on_message_continuation(std::string_view text,
                                             const position&) {
  transaction* t = state_->current();
  if (t == nullptr || t->messages.empty()) return;
  t->messages.back().text.append("\n").append(text);
}
void report_builder::on_unrecognized(std::string_view text,
                                     const position& where) {
  state_->unrecognized(text, where);
}
void report_builder::on_diagnostic(const diagnostic& d) {
  state_->diagnose(d);
}

std::vector<package>& transaction::set(pkg_set s) noexcept {
  return const_cast<std::vector<package>&>(
      static_cast<const transaction&>(*this).set(s));
}

const std::vector<package>& transaction::set(pkg_set s) const noexcept {
  switch (s) {
    case pkg_set::upgraded: return upgraded;
    case pkg_set::newly_installed: return newly_installed;
    case pkg_set::to_remove: return to_remove;
    case pkg_set::not_upgraded: return not_upgraded;
    case pkg_set::downgraded: return downgraded;
    case pkg_set::reinstalled: return reinstalled;
    case pkg_set::held_changed: return held_changed;
    case pkg_set::autoremovable: return autoremovable;
    case pkg_set::suggested: return suggested;
    case pkg_set::recommended: return recommended;
    case pkg_set::essential_removed: return essential_removed;
    case pkg_set::additional: return additional;
    case pkg_set::broken: return broken;
    case pkg_set::disappeared: return disappeared;
    case pkg_set::esm: return esm;
  }
  return upgraded;
}

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

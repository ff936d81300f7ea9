// Stage 4: events -> transactions with owned data.
//
// Simulate lines repeat what the lists said, with more detail (arch,
// versions, origins); apt's -V lists add versions to names. The builder
// merges every mention of a package within one set of one transaction into
// one entry, keyed by the name as apt prints it ("foo" or "foo:i386").
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <utility>

#include "aptparse/report.h"
#include "classify/origin.h"
#include "report/common_arches.h"
#include "report/package_from.h"
#include "report/package_index.h"
#include "report/package_staging.h"
#include "report/record_fields.h"
#include "report/security.h"
#include "report/size_fields.h"
#include "report/string_arena.h"
#include "report/transaction_reuse.h"
#include "report/transaction_room.h"

namespace aptparse {

class report_builder::state {
 public:
  state(const options& opts, callback on_done)
      : opts_(opts),
        max_per_set_(
            detail::packages_per_set_limit(opts.max_packages_per_list)),
        on_done_(std::move(on_done)),
        room_(opts.max_transactions),
        fields_(opts.timezone) {}

  void record_field(record_field field, std::string_view value,
                    const position& where) {
    if (cur_ != nullptr) fields_.store(*cur_, field, value, where);
  }

  void begin(const position& where) {
    if (on_done_) {
      where_ = target::callback;
    } else if (opts_.max_transactions != 0 &&
               report_.transactions.size() >= opts_.max_transactions) {
      where_ = target::drop;
    } else {
      where_ = target::report;
    }
    // Kept transactions are built in place: moving a finished one into the
    // report cost more than building it (history.log, one per 400 bytes).
    if (where_ == target::report) room_.make_room(report_.transactions);
    cur_ = where_ == target::report ? &report_.transactions.emplace_back()
                                    : &scratch_;
    cur_->strings = fresh_arena();
    arena_ = cur_->strings.get();
    cur_->span.first = where;
    // What came before the run (CI noise, an overlong line) goes with it.
    cur_->unrecognized_count = std::exchange(pending_.unrecognized_count, 0);
    cur_->unrecognized.swap(pending_.unrecognized);
    cur_->diagnostics.swap(pending_.diagnostics);
    // Only the sets the last one used (history.log's: one or two of 17).
    const std::uint32_t touched = std::exchange(touched_, 0);
    for (std::uint32_t left = touched; left != 0; left &= left - 1)
      index_[std::countr_zero(left)].clear();
    staged_.clear(touched);
    if (std::exchange(any_dropped_, false)) dropped_.fill(0);
    downloads_.clear();
  }

  void end(const transaction_span& span) {
    if (cur_ == nullptr) return;
    transaction& t = *cur_;
    cur_ = nullptr;
    arena_ = nullptr;
    t.span = span;
    // A kept transaction's packages go into the report's arena with its
    // text; one handed on keeps an array of its own, reused in scratch_.
    staged_.take_into(t, where_ == target::report ? t.strings : nullptr);
    if (!downloads_.empty()) {
      detail::apply_downloads(t, downloads_, *t.strings);
      security_seen_ = true;
    }
    // No package's security is known unless some origin or suite was read
    // (history.log's and dpkg's records name none): nothing to count.
    t.security_count =
        std::exchange(security_seen_, false) ? detail::count_security(t) : 0;
    for (int s = 0; any_dropped_ && s < pkg_set_count; ++s)
      if (dropped_[s] != 0)
        t.diagnostics.push_back(
            diagnostic{errc::too_many_packages, span.first, dropped_[s]});
    check_consistency(t);
    switch (where_) {
      case target::report:
        return;
      case target::callback:
        on_done_(std::move(t));
        break;
      case target::drop:
        if (report_.dropped_transactions++ == 0) first_dropped_ = span.first;
        break;
      case target::report_later:
        report_.transactions.push_back(std::move(t));
    }
    detail::clear_for_reuse(scratch_);
  }

  void add(const package_ref& ref) {
    if (cur_ == nullptr) begin(position{});
    const int s = static_cast<int>(ref.set);
    touched_ |= std::uint32_t{1} << s;
    const std::uint32_t size = staged_.count(s);
    if ((ref.flags & flag_alternative) && size != 0) {
      staged_.last(s).alternatives.push_back(save_alternative(ref));
      return;
    }
    // Each listing line is its own entry (`apt list -a`: one per version).
    if (ref.set == pkg_set::listed) {
      if (size >= max_per_set_) {
        ++dropped_[s];
        any_dropped_ = true;
      } else {
        staged_.append(s, [&](void* slot) { make_package(slot, ref); });
      }
      return;
    }
    std::size_t h = detail::package_index::hash(ref.name);
    const std::string_view key_arch = key_arch_of(ref, index_[s], h);
    std::size_t hole = 0;
    if (long at = index_[s].find(staged_.data(), ref.name, key_arch, h, hole);
        at >= 0) {
      merge(staged_.data()[at], ref);
      return;
    }
    if (size >= max_per_set_) {
      ++dropped_[s];
      any_dropped_ = true;
      return;
    }
    const std::uint32_t at =
        staged_.append(s, [&](void* slot) { make_package(slot, ref); });
    index_[s].insert(staged_.data(), at, !key_arch.empty(), h, hole);
  }

  void unrecognized(std::string_view text, const position& where) {
    auto& count = cur_ ? cur_->unrecognized_count : pending_.unrecognized_count;
    auto& kept = cur_ ? cur_->unrecognized : pending_.unrecognized;
    ++count;
    if (kept.size() < opts_.max_unrecognized_kept)
      kept.push_back(unrecognized_line{where, std::string(text)});
  }

  void diagnose(const diagnostic& d) {
    (cur_ ? cur_->diagnostics : pending_.diagnostics).push_back(d);
  }

  transaction* current() { return cur_; }

  void downloaded(std::string_view name, std::string_view arch,
                  std::string_view suite) {
    if (cur_ != nullptr)
      downloads_.push_back(detail::download{
          std::string(name), std::string(arch), std::string(suite)});
  }
  // What key_arch_of() tells foreign from native architectures by.
  void native_arch(std::string_view arch) { native_arch_.assign(arch); }

  void reserve(std::size_t transactions) {
    room_.reserve(report_.transactions, transactions);
  }

  report take() {
    // An open transaction built in place must not leave with the report:
    // it moves aside and joins the next report when it ends.
    if (cur_ != nullptr && where_ == target::report) {
      scratch_ = std::move(report_.transactions.back());
      report_.transactions.pop_back();
      cur_ = &scratch_;
      where_ = target::report_later;
    }
    report out = std::move(report_);
    room_.forget();
    report_arena_.reset();  // the next report's transactions get their own
    report_ = report{};
    // What no transaction followed stays with the report.
    out.unrecognized_count = pending_.unrecognized_count;
    out.unrecognized = std::move(pending_.unrecognized);
    out.diagnostics = std::move(pending_.diagnostics);
    if (out.dropped_transactions != 0)
      out.diagnostics.push_back(diagnostic{errc::too_many_transactions,
                                           first_dropped_,
                                           out.dropped_transactions});
    pending_ = report{};
    return out;
  }

 private:
  // The key is the name as apt's lists print it: the bare name, or with
  // its arch for a foreign architecture. Returns the key's arch ("" for a
  // bare key) and turns `h`, the bare key's hash, into the key's. dpkg and
  // apt's logs also qualify native names, so theirs are keyed bare unless
  // the arch is known to be foreign or the qualified key is already there
  // (never while no entry is qualified: a log's common case probes once).
  std::string_view key_arch_of(const package_ref& ref,
                               const detail::package_index& index,
                               std::size_t& h) const {
    using detail::package_index;
    if (!ref.arch_qualified) return {};
    if ((ref.flags & flag_log_arch) &&
        !(index.has_qualified() &&
          index.find(staged_.data(), ref.name, ref.arch,
                     package_index::with_arch(h, ref.arch)) >= 0) &&
        (native_arch_.empty() || ref.arch == native_arch_ || ref.arch == "all"))
      return {};
    h = package_index::with_arch(h, ref.arch);
    return ref.arch;
  }

  void fill(std::string_view& field, std::string_view value) {
    if (field.empty() && !value.empty()) field = arena_->save(value);
  }

  // The few common architecture names are static, not copied per package.
  std::string_view arch_of(std::string_view value) {
    for (std::size_t i = 0; i < detail::kCommonArchCount; ++i)
      if (value == detail::common_arch(i)) return detail::common_arch(i);
    return arena_->save(value);
  }

  void fill_arch(std::string_view& field, std::string_view value) {
    if (field.empty() && !value.empty()) field = arch_of(value);
  }

  // An alternative is kept as printed: "name" or "name:arch".
  std::string_view save_alternative(const package_ref& ref) {
    if (!ref.arch_qualified) return arena_->save(ref.name);
    text_.assign(ref.name).append(":").append(ref.arch);
    return arena_->save(text_);
  }

  // Inline: out of line it took a call and register saves per package.
  [[gnu::always_inline]] void make_package(void* slot, const package_ref& ref) {
    const bool plain = detail::plain_ref(ref);
    detail::emplace_package(slot, ref, *arena_, arch_of(ref.arch),
                            plain ? std::nullopt : security_of(ref), plain);
  }

  std::optional<bool> security_of(const package_ref& ref) {
    if (ref.origins.empty() && ref.suite.empty()) return std::nullopt;
    security_seen_ = true;
    return detail::either(known_origins_(ref.origins),
                          detail::origins_security(ref.suite));
  }

  void merge(package& p, const package_ref& ref) {
    fill_arch(p.arch, ref.arch);
    fill(p.old_version, ref.old_version);
    fill(p.new_version, ref.new_version);
    fill(p.origins, ref.origins);
    fill(p.note, ref.note);
    fill(p.suite, ref.suite);
    p.security = detail::either(p.security, security_of(ref));
    if (p.reason == hold_reason::none) p.reason = ref.reason;
    p.purge |= (ref.flags & flag_purge) != 0;
    p.automatic |= (ref.flags & flag_automatic) != 0;
    p.simulated |= (ref.flags & flag_simulated) != 0;
  }

  // Where the open transaction is built and goes when it ends.
  enum class target : std::uint8_t {
    report,        // in place, at the back of report_.transactions
    callback,      // in scratch_, then handed to on_done_
    drop,          // in scratch_, then counted (over max_transactions)
    report_later,  // in scratch_ (take() came first), then into report_
  };

  // The arena for the next transaction. Kept transactions share one per
  // report (one allocation per 64 KiB of text); one handed to a callback
  // gets scratch_'s if nobody else holds it (the callback only read it).
  std::shared_ptr<string_arena> fresh_arena() {
    if (where_ == target::report) {
      if (!report_arena_) {
        report_arena_ = std::make_shared<string_arena>();
        report_arena_->reserve(64 * 1024);
      }
      return report_arena_;
    }
    if (scratch_.strings && scratch_.strings.use_count() == 1) {
      scratch_.strings->clear();
      return std::move(scratch_.strings);
    }
    return std::make_shared<string_arena>();
  }

  options opts_;
  const std::size_t max_per_set_;  // packages kept in one set
  callback on_done_;
  report report_;
  report pending_;  // outside any transaction, not yet followed by one
  transaction* cur_ = nullptr;  // the open transaction, if any
  target where_ = target::report;
  transaction scratch_;
  std::shared_ptr<string_arena> report_arena_;  // of report_'s transactions
  detail::transaction_room room_;  // how report_.transactions grows
  string_arena* arena_ = nullptr;  // cur_->strings, while open
  // The open transaction's packages, reused from one transaction to the
  // next (no allocation per transaction); they go into it when it ends.
  detail::package_staging staged_;
  std::array<detail::package_index, pkg_set_count> index_;
  std::array<std::uint64_t, pkg_set_count> dropped_{};
  bool any_dropped_ = false;  // some dropped_[s] is not 0
  // The open transaction read an origin, a suite or a download: set where
  // a package's security can become known (security_of, end()), so that
  // end() counts only then.
  bool security_seen_ = false;
  std::uint32_t touched_ = 0;  // bit s: set s, index_[s] may hold some
  static_assert(pkg_set_count <= 32);
  std::vector<detail::download> downloads_;  // the open run's "Get:" lines
  std::string native_arch_;                  // the last on_native_arch()
  std::string text_;  // text built before it is saved, reused
  detail::origin_security_cache known_origins_;  // for security_of()
  position first_dropped_;             // of report_'s first dropped transaction
  detail::record_field_store fields_;  // of the open transaction's record
};

report_builder::report_builder(const options& opts, callback on_done)
    : state_(std::make_unique<state>(opts, std::move(on_done))) {}
report_builder::~report_builder() = default;

report report_builder::take_report() { return state_->take(); }
void report_builder::reserve(std::size_t transactions) {
  state_->reserve(transactions);
}

void report_builder::on_transaction_begin(const position& where) {
  state_->begin(where);
}
void report_builder::on_transaction_end(const transaction_span& span) {
  state_->end(span);
}
void report_builder::on_section(pkg_set set, hold_reason, const position&) {
  transaction* t = state_->current();
  if (t != nullptr && set == pkg_set::listed) t->kind = record_kind::listing;
}
void report_builder::on_download(std::string_view name, std::string_view arch,
                                 std::string_view, std::string_view suite,
                                 const position&) {
  state_->downloaded(name, arch, suite);
}
void report_builder::on_package(const package_ref& pkg, const position&) {
  state_->add(pkg);
}
void report_builder::on_native_arch(std::string_view arch, const position&) {
  state_->native_arch(arch);
}
void report_builder::on_counts(const counts& c, const position&) {
  if (transaction* t = state_->current()) t->counts = c;
}
void report_builder::on_record_field(record_field field, std::string_view value,
                                     const position& where) {
  state_->record_field(field, value, where);
}
void report_builder::on_size(size_kind kind, std::uint64_t bytes,
                             const position&) {
  if (transaction* t = state_->current())
    detail::store_size(t->sizes, kind, bytes);
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
void report_builder::on_diagnostic(const diagnostic& d) { state_->diagnose(d); }

}  // namespace aptparse

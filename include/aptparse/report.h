// The report: every transaction of a log, with its own copy of the text.
//
//   aptparse::report r = aptparse::parse(text);
//   for (const aptparse::transaction& t : r.transactions)
//     for (const aptparse::package& p : t.upgraded())
//       std::cout << p.name << ' ' << p.old_version << " -> " << p.new_version;
//
// parse() is the one-shot call. For streams, feed a parser whose sink is a
// report_builder; give the builder a callback to receive each transaction as
// it ends instead of keeping them all (memory then stays bounded).
//
// Strings. A package's fields, and a transaction's times, command, user and
// error, are std::string_views into its transaction's `strings` arena, which
// the transaction shares with its copies (and with the other transactions of
// the same report). They stay valid as long as any copy of the transaction
// lives, and not longer: copy a field into a std::string to keep it on its own.
// Building a package in one arena instead of six heap strings, and keeping
// a transaction's packages in one array, is what lets the report keep up
// with the parser (see bench/RESULTS.md and bench/PROFILE.md).
#ifndef APTPARSE_REPORT_H_
#define APTPARSE_REPORT_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aptparse/error.h"
#include "aptparse/events.h"
#include "aptparse/export.h"
#include "aptparse/options.h"
#include "aptparse/parser.h"

namespace aptparse {

// Append-only storage for the text of one transaction (see `strings`
// below); its definition is internal to the library.
class string_arena;

// Returns a new, empty arena.
APTPARSE_EXPORT std::shared_ptr<string_arena> make_string_arena();

// Copies `text` into `arena` and returns a view of the copy, valid until
// the arena is destroyed, however much is saved after it.
APTPARSE_EXPORT std::string_view save_string(string_arena& arena,
                                             std::string_view text);

struct package {
  // Views into the transaction's `strings` (see the file comment).
  std::string_view name;         // without ":arch"
  std::string_view arch;         // "" when the text does not give it
  std::string_view old_version;  // "" when not printed
  std::string_view new_version;  // "" when not printed
  // Simulate lines' release list, `apt list`'s suites as printed, else "".
  std::string_view origins;
  std::string_view note;  // other parenthesised text ("due to foo")
  // The archive the version comes from: `apt list`'s first suite
  // ("bookworm-security"; "now": only the dpkg status has it) or the suite
  // of the run's "Get:" line for the package; else "".
  std::string_view suite;
  std::vector<std::string_view> alternatives;  // "a | b" gives a, [b]
  hold_reason reason = hold_reason::none;      // set in not_upgraded
  // True when the origin (origins, suite) is a security archive: a
  // "-security" suite, the Debian-Security label or an Ubuntu ESM archive;
  // false when the text names an origin that is none of these; nullopt
  // when it names none. The rules are one table (src/classify/origin.cpp).
  std::optional<bool> security;
  bool purge = false;
  bool automatic = false;
  bool simulated = false;  // seen on a simulate line (Inst/Remv/Purg)
  // `apt list`'s bracket (package_flag in events.h says which says what).
  bool upgradable = false;
  bool installed = false;
  bool local = false;
  bool residual_config = false;
  bool auto_removable = false;
  friend bool operator==(const package&, const package&) = default;
};

// What a record of the log is.
enum class record_kind : std::uint8_t {
  transaction,  // an apt run (or apt's or dpkg's log record of one)
  // `apt list`: the lines after "Listing...", in set `listed`. Each line is
  // one entry (`apt list -a` prints one per version): new is the version
  // the line lists, or the candidate that "[installed,upgradable to: %s]"
  // names; old is the installed version ("[upgradable from: %s]", or the
  // listed one when the bracket says installed), else "".
  listing,
};

// Returns "transaction" or "listing".
APTPARSE_EXPORT std::string_view record_kind_name(record_kind kind) noexcept;

enum class consistency_verdict : std::uint8_t {
  consistent,    // every count apt printed matches the parsed set
  inconsistent,  // at least one count differs from its set's size
  no_counts,     // apt printed no summary line (e.g. -qq simulate output)
};

// Returns "consistent", "inconsistent" or "no_counts".
APTPARSE_EXPORT std::string_view verdict_name(consistency_verdict v) noexcept;

// Do the parsed sets agree with apt's own counts?
struct consistency {
  consistency_verdict verdict = consistency_verdict::no_counts;
  // Count names (as in `counts`) whose set size differs from apt's number.
  std::vector<std::string> mismatches;
  // Count names that apt printed but whose set the text never lists, so they
  // cannot be checked: "reinstalled" without simulate lines, "not_upgraded"
  // after an install command (apt counts, but does not list, them).
  std::vector<std::string> unverifiable;
  friend bool operator==(const consistency&, const consistency&) = default;
};

// apt's sizes in bytes, in JSON order: X(type, name). Each is null where
// apt printed none.
//   download        still to fetch
//   download_total  the whole download ("Need to get X/Y": Y)
//   disk_change     + used, - freed
//   disk_available  apt 3.0 "Space needed: X / Y available": Y
//   boot_needed     apt 3.0 "in /boot: X / Y available": X
//   boot_available  ... Y
#define APTPARSE_SIZE_MAP(X)       \
  X(std::uint64_t, download)       \
  X(std::uint64_t, download_total) \
  X(std::int64_t, disk_change)     \
  X(std::uint64_t, disk_available) \
  X(std::uint64_t, boot_needed)    \
  X(std::uint64_t, boot_available)

struct sizes {
#define APTPARSE_SIZE_FIELD(type, name) std::optional<type> name;
  APTPARSE_SIZE_MAP(APTPARSE_SIZE_FIELD)
#undef APTPARSE_SIZE_FIELD
  friend bool operator==(const sizes&, const sizes&) = default;
};

struct message {
  message_level level = message_level::error;
  std::string text;  // continuation lines joined with '\n'
  position where;
  friend bool operator==(const message&, const message&) = default;
};

struct unrecognized_line {
  position where;
  std::string text;
  friend bool operator==(const unrecognized_line&,
                         const unrecognized_line&) = default;
};

namespace detail {
struct transaction_access;  // the report builder's way in (internal)

// A transaction's packages: one array, of its own in the heap or, for the
// transactions of a report, carved from the report's string arena (whose
// blocks are reused from one report to the next; see string_arena.h). A
// copy always gets an array of its own. Internal: use transaction's
// accessors.
class APTPARSE_EXPORT package_array {
 public:
  package_array() = default;
  package_array(const package_array& other);
  package_array(package_array&& other) noexcept { swap(other); }
  package_array& operator=(package_array other) noexcept {
    swap(other);
    return *this;
  }
  ~package_array();

  package* data() noexcept { return data_; }
  const package* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }

  // Inserts `p` before the package at `at` (at most size()).
  void insert(std::size_t at, package&& p);
  // Destroys the packages, keeping the array.
  void clear() noexcept;
  // Makes the array empty with room for exactly `n` packages: its own
  // (reused when it has room), or carved from `arena` when given.
  void reset(std::size_t n, const std::shared_ptr<string_arena>& arena);
  // Appends `p`; reset() made room for it.
  void push_back_unchecked(package&& p);

  void swap(package_array& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    arena_.swap(other.arena_);
  }

 private:
  friend struct transaction_access;  // appends built in place
  void destroy_all() noexcept;
  void free_storage() noexcept;  // after destroy_all()
  // Moves the packages into an array of its own of `room` (> size()).
  void grow_own(std::uint32_t room);
  package* data_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 0;
  // Set when data_ is carved from it: keeps it alive while the packages are.
  std::shared_ptr<string_arena> arena_;
};
}  // namespace detail

struct APTPARSE_EXPORT transaction {
  record_kind kind = record_kind::transaction;

  // The package sets, one per set of APTPARSE_PKG_SET_MAP (events.h). All
  // packages live in one array, grouped by set in the map's order, so a
  // transaction makes one allocation for its packages, not one per set
  // (none in a report: they are carved from the report's arena).
  //
  //   for (const package& p : t.upgraded()) ...   // one set by name
  //   for (const package& p : t.set(s)) ...       // one set by pkg_set
  //   for (const package& p : t.packages()) ...   // every set, in order
  //
  // A span stays valid until the next add() to this transaction (or until
  // the transaction is destroyed); its packages may be edited in place.
  std::span<const package> set(pkg_set s) const noexcept {
    const auto i = static_cast<std::size_t>(s);
    return {packages_.data() + bounds_[i], bounds_[i + 1] - bounds_[i]};
  }
  std::span<package> set(pkg_set s) noexcept {
    const auto i = static_cast<std::size_t>(s);
    return {packages_.data() + bounds_[i], bounds_[i + 1] - bounds_[i]};
  }
  // upgraded(), newly_installed(), to_remove(), ... esm(), failed(), listed().
#define APTPARSE_SET_ACCESSOR(name)                \
  std::span<const package> name() const noexcept { \
    return set(pkg_set::name);                     \
  }                                                \
  std::span<package> name() noexcept { return set(pkg_set::name); }
  APTPARSE_PKG_SET_MAP(APTPARSE_SET_ACCESSOR)
#undef APTPARSE_SET_ACCESSOR
  std::span<const package> packages() const noexcept {
    return {packages_.data(), packages_.size()};
  }
  std::span<package> packages() noexcept {
    return {packages_.data(), packages_.size()};
  }

  // Appends `p` to set `s`, after the packages already in it. For building
  // a transaction by hand: save the text of `p`'s fields in `strings`
  // first (save_string()). Then call check_consistency() if the
  // transaction has counts.
  void add(pkg_set s, package p);

  // From apt's logs (history.log, term.log); empty where the log has none
  // (console captures have no times). Views into `strings`, like a
  // package's fields. Times are ISO 8601 "YYYY-MM-DDTHH:MM:SS", the naive
  // local time the log writes, or with its UTC offset
  // ("2026-11-27T05:56:57+01:00") under options::timezone.
  std::optional<std::string_view> start, end;
  std::optional<std::string_view> command;  // "Commandline:"
  std::optional<std::string_view>
      requested_by_user;  // "Requested-By: user (uid)"
  std::optional<std::uint32_t> requested_by_uid;
  std::optional<std::string_view> error;  // "Error:", lines joined with '\n'

  // The packages of upgraded, newly_installed and (upgradable ones of)
  // listed whose `security` is true: security updates that a run
  // installed, or that a simulation or listing offers. The CLI's
  // `--fail-on pending-security` and fleet report count the offered ones,
  // and kept-back ones, as pending.
  std::uint64_t security_count = 0;
  std::optional<aptparse::counts> counts;  // apt's summary, when printed
  aptparse::consistency consistency;
  aptparse::sizes sizes;
  std::vector<message> messages;
  std::uint64_t unrecognized_count = 0;
  // The first options::max_unrecognized_kept unrecognised lines.
  std::vector<unrecognized_line> unrecognized;
  std::vector<diagnostic> diagnostics;
  transaction_span span;
  // Owns the bytes of the packages' string_views and of the log fields
  // above (and, in a report, of the package arrays). The transactions of one
  // report share one arena; one handed to a report_builder callback has its
  // own. To build a transaction by hand, save_string() its text here.
  std::shared_ptr<string_arena> strings;

  // Compares the content; `strings` (where the bytes live) does not count.
  friend APTPARSE_EXPORT bool operator==(const transaction&,
                                         const transaction&);

 private:
  friend struct detail::transaction_access;
  // Every set's packages, set after set; set s is
  // packages_[bounds_[s], bounds_[s + 1]).
  detail::package_array packages_;
  std::array<std::uint32_t, pkg_set_count + 1> bounds_{};
};

struct report {
  std::vector<transaction> transactions;
  // Unrecognised lines and diagnostics that no transaction followed (an
  // input without any apt run). Those that come before a transaction are
  // reported with that transaction. When transactions were dropped, the
  // diagnostics end with one too_many_transactions at the first dropped
  // one, its `dropped` equal to dropped_transactions.
  std::uint64_t unrecognized_count = 0;
  std::vector<unrecognized_line> unrecognized;
  std::vector<diagnostic> diagnostics;
  std::uint64_t dropped_transactions = 0;  // over options::max_transactions
  parse_stats stats;
  status error;  // not ok only under options::strict
  friend bool operator==(const report&, const report&) = default;
};

// An event_sink that builds transactions. With a callback, each transaction
// is handed over as it ends and not kept; without one, they collect in
// take_report().
class APTPARSE_EXPORT report_builder : public event_sink {
 public:
  using callback = std::function<void(transaction&&)>;
  explicit report_builder(const options& opts = {}, callback on_done = {});
  ~report_builder() override;

  // Not copyable: a parser holds it by reference.
  report_builder(const report_builder&) = delete;
  report_builder& operator=(const report_builder&) = delete;

  // Returns the report built so far and starts a new, empty one.
  report take_report();

  // Makes room in the report for `transactions` (at most
  // options::max_transactions), so that the ones built in place are moved
  // at most once while the report grows to that size: room for just under
  // 32 MiB of them at once, for the rest when those are built. Untouched
  // room costs address space, not memory: the system maps pages in as they
  // are first written. Past it, or without reserve(), a full report grows
  // fourfold.
  void reserve(std::size_t transactions);

  void on_transaction_begin(const position& where) override;
  void on_transaction_end(const transaction_span& span) override;
  void on_section(pkg_set set, hold_reason reason,
                  const position& where) override;
  void on_package(const package_ref& pkg, const position& where) override;
  void on_native_arch(std::string_view arch, const position& where) override;
  void on_counts(const counts& c, const position& where) override;
  void on_record_field(record_field field, std::string_view value,
                       const position& where) override;
  void on_size(size_kind kind, std::uint64_t bytes,
               const position& where) override;
  void on_message(message_level level, std::string_view text,
                  const position& where) override;
  void on_message_continuation(std::string_view text,
                               const position& where) override;
  void on_download(std::string_view name, std::string_view arch,
                   std::string_view version, std::string_view suite,
                   const position& where) override;
  void on_unrecognized(std::string_view text, const position& where) override;
  void on_diagnostic(const diagnostic& d) override;

 private:
  class state;
  std::unique_ptr<state> state_;
};

// Parses a whole log. Equivalent to feeding `text` to a parser with a
// report_builder sink and calling finish().
APTPARSE_EXPORT report parse(std::string_view text, const options& opts = {});

// The apt runs that a report of history.log (or term.log) records: the
// start and end of each transaction that has both, in order. Give them as
// options::apt_runs to parse the dpkg.log of the same host:
//
//   aptparse::options o;
//   o.apt_runs = aptparse::apt_runs_of(aptparse::parse(history_text));
//   aptparse::report dpkg = aptparse::parse(dpkg_log_text, o);
APTPARSE_EXPORT std::vector<run_window> apt_runs_of(const report& history);

// Computes `t.consistency` from its sets and counts. report_builder calls it
// when a transaction ends; call it again after editing a transaction.
APTPARSE_EXPORT void check_consistency(transaction& t);

}  // namespace aptparse

#endif  // APTPARSE_REPORT_H_

// Events: what the streaming parser tells its sink.
//
// The parser turns apt's text into a stream of events. A sink receives them
// by overriding the virtual functions of `event_sink`; every function has an
// empty default, so a sink overrides only what it needs.
//
// A log holds zero or more *transactions*, one per apt run that printed a
// result (package lists, a summary line, simulate lines or errors). Inside a
// transaction the parser reports list headers, packages, apt's counts and
// sizes, and apt's messages. Lines it does not know are reported as
// unrecognised, with their position; noise that it knows (progress lines,
// downloads, dpkg's unpack/setup lines) is counted and skipped.
//
// A new run, and so a new transaction, begins:
//   - at apt's preamble "Reading package lists..." in any language, or at
//     the first line of a record of apt's logs (history.log's
//     "Start-Date:", term.log's "Log started:"; the record's transaction
//     ends at its "End-Date:" or "Log ended:" line, and its fields come as
//     on_record_field events);
//   - at the header of a list of the plan (not the unmet-dependency,
//     disappeared or Ubuntu Pro lists) that follows the open transaction's
//     summary line: apt prints the plan's lists before its summary, so this
//     is the next run, whose preamble the log filtered out;
//   - at an Inst, Remv or Purg simulate line of a package (name and
//     architecture) that the open transaction's simulate lines already
//     handled: apt handles a package once per run, so this is the next run
//     (apt-get -sqq runs written one after another print no preamble). Runs
//     that share no package cannot be told apart and stay one transaction.
//
// dpkg.log (lines "YYYY-MM-DD HH:MM:SS startup ...", "... install ...",
// "... status ...") gives one transaction per apt run, of what dpkg did:
// install lines give newly_installed, upgrade lines upgraded, downgraded or
// reinstalled (by comparing the versions), remove and purge lines
// to_remove (purge: with purge set), disappear lines disappeared; a package
// whose last status line in the run is half-installed, half-configured or
// unpacked is in `failed`. The run's start and end are the times of its
// first and last line. dpkg writes "startup" each time it is run, and apt
// runs it several times per run, ending with `dpkg --configure --pending`;
// between two calls it only starts the next. So a startup line begins a
// new transaction when:
//   - options::apt_runs is given (history.log's Start-Date and End-Date of
//     the same host): the line's time falls in another apt run than the
//     open transaction's (or in none while that one is in one, or the
//     reverse). In the second that one run ends and the next begins, a
//     startup after a --configure call goes to the next run.
//   - otherwise: the open transaction's last dpkg call was --configure or
//     --triggers-only and the startup line comes 2 seconds or more after
//     the line before it, or it comes 60 seconds or more after it. This is
//     wrong for two apt runs less than 2 seconds apart (one transaction),
//     for a run that dpkg failed outside a --configure call and the next
//     run within a minute (one transaction), and for a run on a machine
//     so slow that dpkg takes 2 seconds to start (split after a configure
//     call); give apt_runs to group exactly.
// A line in a dpkg.log run that is not dpkg's (another program's, or cut
// off) or whose time does not parse is reported (errc::foreign_log_line,
// errc::unparsable_time) and makes the transaction incomplete.
//
// IMPORTANT: lifetime. Every std::string_view passed to a sink points into
// the parser's buffers and is valid only until the callback returns. Copy
// what you keep (report_builder does).
//
// Order: on_transaction_begin comes before any event that belongs to the
// transaction, on_transaction_end after the last. on_diagnostic and
// on_unrecognized may also arrive outside a transaction.
#ifndef APTPARSE_EVENTS_H_
#define APTPARSE_EVENTS_H_

#include <cstdint>
#include <string_view>

#include "aptparse/error.h"
#include "aptparse/export.h"

namespace aptparse {

// The sets apt reports, in JSON order: X(name). This list is the one place
// a set is named: the enum below, set_name(), the fields of `transaction`
// (report.h), the JSON keys and the Python binding's conversions are
// generated from it, so adding a set is one line here (and one field of the
// Python Transaction in _model.py, which the binding checks at import).
#define APTPARSE_PKG_SET_MAP(X)                                              \
  X(upgraded)          /* "... will be upgraded:", "Upgrading:" */           \
  X(newly_installed)   /* "The following NEW packages ...", "Installing:" */ \
  X(to_remove)         /* "... will be REMOVED:", "REMOVING:", Remv/Purg */  \
  X(not_upgraded)      /* kept back, deferred by phasing */                  \
  X(downgraded)        /* "... will be DOWNGRADED:", "DOWNGRADING:" */       \
  X(reinstalled)       /* simulate lines whose new version is the old one */ \
  X(held_changed)      /* "The following held packages will be changed:" */  \
  X(autoremovable)     /* "... no longer required" */                        \
  X(suggested)         /* "Suggested packages:" */                           \
  X(recommended)       /* "Recommended packages:" */                         \
  X(essential_removed) /* "WARNING: The following essential packages ..." */ \
  X(additional)        /* "... additional packages will be installed:" */    \
  X(broken)            /* "... packages have unmet dependencies:" */         \
  X(disappeared)       /* "... disappeared from your system" */              \
  X(esm) /* Ubuntu Pro's advert: updates that need esm-infra/apps; never  */ \
         /* part of upgraded */                                              \
  X(failed) /* left half-installed, half-configured or unpacked by dpkg */   \
  X(listed) /* `apt list` lines after "Listing...": a listing, not a run */

enum class pkg_set : std::uint8_t {
#define APTPARSE_PKG_SET_ENUM(name) name,
  APTPARSE_PKG_SET_MAP(APTPARSE_PKG_SET_ENUM)
#undef APTPARSE_PKG_SET_ENUM
};

#define APTPARSE_PKG_SET_ONE(name) +1
inline constexpr int pkg_set_count =
    0 APTPARSE_PKG_SET_MAP(APTPARSE_PKG_SET_ONE);
#undef APTPARSE_PKG_SET_ONE

// Returns the stable snake_case name of `set`, e.g. "newly_installed".
APTPARSE_EXPORT std::string_view set_name(pkg_set set) noexcept;

// Why a package is in not_upgraded.
enum class hold_reason : std::uint8_t {
  none,       // not in not_upgraded
  kept_back,  // "kept back" / "Not upgrading:"
  phasing,    // "deferred due to phasing" / "Not upgrading yet due to phasing:"
  // Kept back, and earlier in the log `apt-mark hold` said "%s set on hold."
  // (apt prints held packages among the kept-back ones, so only the log's
  // own apt-mark lines can tell them apart).
  held,
};

// Returns "", "kept_back", "phasing" or "held".
APTPARSE_EXPORT std::string_view reason_name(hold_reason reason) noexcept;

// Bits of package_ref::flags.
enum package_flag : std::uint16_t {
  flag_purge = 1,      // removal marked '*' (purge) or a Purg line
  flag_automatic = 2,  // installed as a dependency ("Installing dependencies:")
  // An or-group alternative ("| name") of the previous item.
  flag_alternative = 4,
  flag_simulated = 8,  // came from a simulate line (Inst/Remv/Purg)
  // Came from dpkg's output or apt's logs, which spell "name:arch" even for
  // the native architecture, unlike apt's lists (see report_builder).
  flag_log_arch = 16,
  // `apt list`'s bracket (apt-private/private-output.cc ListSingleVersion),
  // in any language: "[upgradable from: %s]", "[installed,upgradable to:
  // %s]", "[installed]", "[installed,local]" (no archive has the installed
  // version), "[installed,automatic]", "[installed,auto-removable]" (also
  // automatic) and "[residual-config]" (removed, configuration files kept).
  flag_upgradable = 32,
  flag_installed = 64,
  flag_local = 128,
  flag_residual_config = 256,
  flag_auto_removable = 512,
};

// One package as the text shows it. Empty views mean "not printed".
struct package_ref {
  std::string_view name;         // without ":arch" and without the '*' marker
  std::string_view arch;         // from "name:arch" or a simulate "[arch]"
  bool arch_qualified = false;   // true iff the text spelled "name:arch"
  std::string_view old_version;  // installed version
  std::string_view new_version;  // version apt will install
  // Simulate lines: "Debian:12.5/stable, ..."; `apt list`: the suites as
  // printed ("bookworm-updates,bookworm-security,now").
  std::string_view origins;
  // The archive (suite) the version comes from: `apt list`'s first suite
  // ("now": only the dpkg status has the version).
  std::string_view suite;
  std::string_view note;  // other parenthesised text, e.g. "due to foo"
  pkg_set set = pkg_set::upgraded;
  hold_reason reason = hold_reason::none;
  std::uint16_t flags = 0;  // package_flag bits
};

// apt's counts, in JSON order: X(name, check). `check` says how
// check_consistency() (report.h) compares the count with the set of the
// same name: `always` (apt lists every package it counts), `sometimes`
// (apt counts, but lists only in some outputs: reinstalls appear only on
// simulate lines, "not upgraded" only after an upgrade), or `none` (no set).
#define APTPARSE_COUNT_MAP(X) \
  X(upgraded, always)         \
  X(newly_installed, always)  \
  X(reinstalled, sometimes)   \
  X(downgraded, always)       \
  X(to_remove, always)        \
  X(not_upgraded, sometimes)  \
  X(not_fully_installed, none)

// apt's summary line(s), exactly as printed. Parts that apt leaves out when
// they are zero (reinstalled, downgraded, not fully installed) are 0.
struct counts {
#define APTPARSE_COUNT_FIELD(name, check) std::uint64_t name = 0;
  APTPARSE_COUNT_MAP(APTPARSE_COUNT_FIELD)
#undef APTPARSE_COUNT_FIELD
  friend bool operator==(const counts&, const counts&) = default;
};

// The sizes apt prints, in bytes (apt rounds them to 2-4 digits).
enum class size_kind : std::uint8_t {
  download,        // "Need to get X" / "Download size: X" (still to fetch)
  download_total,  // "Need to get X/Y": Y, the whole download
  disk_used,       // "X of additional disk space will be used" / "Space needed"
  disk_freed,      // "X disk space will be freed" / "Freed space: X"
  disk_available,  // apt 3.0 "Space needed: X / Y available": Y
  boot_needed,     // apt 3.0 "in /boot: X / Y available": X
  boot_available,  // ... Y
};

enum class message_level : std::uint8_t { error, warning, notice, audit };

// Returns "error", "warning", "notice" or "audit".
APTPARSE_EXPORT std::string_view level_name(message_level level) noexcept;

// A prefix that every line of an apt run carries; it is stripped before
// parsing. A CI system's or a system logger's prefix is found on each line
// by its pattern; a
// document's indentation or quote marker is adopted at a line apt prints at
// column 0 ("Reading package lists...", a list header, the summary line, an
// Inst line...) and holds until a line does not carry it. A JSON string is
// not a prefix but is reported as one: the lines were its escaped content.
enum class line_prefix : std::uint8_t {
  none,
  buildkit,        // Docker BuildKit: "#7 12.34 "
  github_actions,  // GitHub Actions: "2024-05-01T10:00:00.1234567Z "
  indent,          // spaces or tabs: a markdown or reST code block
  quote,           // a quote marker, maybe indented: "> ", "#> ", "    > "
  // syslog or the journal: "<time> <host> <tag>: ", the time BSD's
  // "Jan  4 20:56:33" or RFC 3339's "2026-01-04T20:56:33.123456+00:00"
  syslog,
  // Ansible's result as JSON: its "stdout" string ("...lists...\nBuilding
  // dependency tree...\n...") or its "stdout_lines" items, one a line.
  json_string,
};

// Returns "", "buildkit", "github_actions", "indent", "quote", "syslog" or
// "json_string".
APTPARSE_EXPORT std::string_view prefix_name(line_prefix prefix) noexcept;

// Where a transaction lies in the input.
struct transaction_span {
  position first;                // the first line of the apt run
  position last;                 // the last line that belonged to it
  std::uint64_t end_offset = 0;  // one past the last byte of `last`
  // False iff the input ended inside a package list or after lists but
  // before apt's summary line (a cut-off log), or the transaction is a
  // record of apt's logs that has no end ("End-Date:", "Log ended:") or a
  // time that does not parse, or a dpkg.log run with a line that is not
  // dpkg's (see above).
  bool complete = true;
  // The prefix found on the transaction's lines (none: they have none). A
  // line with a CI prefix and a quote prefix reports the CI one.
  line_prefix prefix = line_prefix::none;
  friend bool operator==(const transaction_span&,
                         const transaction_span&) = default;
};

// The fields of a record of apt's logs, in JSON order: X(name). Times are
// ISO 8601 "YYYY-MM-DDTHH:MM:SS", the local time the log gives (apt writes
// no zone; see options::timezone).
//   start         history.log "Start-Date:", term.log "Log started:"
//   end           history.log "End-Date:", term.log "Log ended:"
//   command       history.log "Commandline:"
//   requested_by  history.log "Requested-By:" as written, "user (uid)"
//   error         history.log "Error:"
#define APTPARSE_RECORD_FIELD_MAP(X) \
  X(start)                           \
  X(end)                             \
  X(command)                         \
  X(requested_by)                    \
  X(error)

enum class record_field : std::uint8_t {
#define APTPARSE_RECORD_FIELD_ENUM(name) name,
  APTPARSE_RECORD_FIELD_MAP(APTPARSE_RECORD_FIELD_ENUM)
#undef APTPARSE_RECORD_FIELD_ENUM
};

// Returns the stable name of `field`, e.g. "requested_by".
APTPARSE_EXPORT std::string_view record_field_name(record_field field) noexcept;

// Receives events. See the file comment for order and lifetimes.
class APTPARSE_EXPORT event_sink {
 public:
  virtual ~event_sink() = default;

  virtual void on_transaction_begin(const position& /*where*/) {}
  virtual void on_transaction_end(const transaction_span& /*span*/) {}
  // A list header; the packages of the list follow.
  virtual void on_section(pkg_set /*set*/, hold_reason /*reason*/,
                          const position& /*where*/) {}
  virtual void on_package(const package_ref& /*pkg*/,
                          const position& /*where*/) {}
  // The machine's native architecture, as simulate lines show it (a
  // package of it is printed unqualified: "Inst a [1] (2 ... [amd64])").
  // Sent before the package that shows it, when it first shows or changes.
  // dpkg and apt's logs qualify native names too ("a:amd64"); knowing the
  // native architecture lets a sink merge those with apt's bare "a".
  virtual void on_native_arch(std::string_view /*arch*/,
                              const position& /*where*/) {}
  virtual void on_counts(const counts& /*c*/, const position& /*where*/) {}
  // A field of a log record (history.log, term.log), inside its
  // transaction.
  virtual void on_record_field(record_field /*field*/,
                               std::string_view /*value*/,
                               const position& /*where*/) {}
  virtual void on_size(size_kind /*kind*/, std::uint64_t /*bytes*/,
                       const position& /*where*/) {}
  // An apt message (E:, W:, N:, A:, or apt 3.0's Error:, Warning: ...).
  virtual void on_message(message_level /*level*/, std::string_view /*text*/,
                          const position& /*where*/) {}
  // A further line of the last message (apt indents them by three spaces).
  virtual void on_message_continuation(std::string_view /*text*/,
                                       const position& /*where*/) {}
  // A "Get:" line of the run fetched version `version` of package `name`
  // (architecture `arch`) from `suite` ("bookworm-security").
  virtual void on_download(std::string_view /*name*/, std::string_view /*arch*/,
                           std::string_view /*version*/,
                           std::string_view /*suite*/,
                           const position& /*where*/) {}
  // A line that no format table knows, outside the known noise.
  virtual void on_unrecognized(std::string_view /*text*/,
                               const position& /*where*/) {}
  virtual void on_diagnostic(const diagnostic& /*d*/) {}
};

}  // namespace aptparse

#endif  // APTPARSE_EVENTS_H_

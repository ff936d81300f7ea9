// Plan versus outcome: did an apt run do what apt said it would?
//
//   aptparse::report plan = aptparse::parse(console_output);  // or history.log
//   aptparse::report done = aptparse::parse(term_log);        // or dpkg.log
//   aptparse::comparison c =
//       aptparse::compare(plan.transactions, done.transactions);
//   for (const aptparse::planned_change& p : c.planned)
//     if (p.status != aptparse::change_status::happened)
//       std::cout << p.plan.name << ": " << status_name(p.status) << '\n';
//
// The plan is what apt announced: the packages of its upgraded,
// newly_installed, downgraded, reinstalled and to_remove sets (apt's console
// output, or history.log's Install/Upgrade/... lines). The outcome is what
// dpkg did: the same sets of a term.log or dpkg.log transaction, and its
// `failed` set (packages dpkg left half-installed, half-configured or
// unpacked). Both sides are the transactions of one apt run, read in order;
// a package listed twice on one side counts by its last listing.
//
// Matching. A planned change and an outcome change are the same package
// when their names are equal and
//   1. their architectures are equal and not empty, or else
//   2. that name is left unmatched exactly once on each side after rule 1:
//      the logs spell architectures differently (apt's lists print none,
//      history.log the native one for an "all" package, dpkg.log "all").
// A matched package's status is then
//   failed     the outcome lists it in its failed set;
//   happened   the outcome installs the planned version (versions compared
//              as dpkg does; any version when either side prints none) or,
//              for a planned removal or purge, removes it (a purge counts
//              as done by a removal: term.log says "Purging" only for
//              packages that had configuration files);
//   different  the outcome did something else: another version, or an
//              install where a removal was planned or the reverse.
// A planned change without a match is `absent`. Outcome changes that no
// planned change matched are `unplanned`.
//
// A history.log of many runs against its term.log or dpkg.log: compare_runs()
// pairs the runs by their times first.
#ifndef APTPARSE_COMPARE_H_
#define APTPARSE_COMPARE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aptparse/export.h"
#include "aptparse/report.h"

namespace aptparse {

// What a change does to a package, by the set that lists it.
enum class change_action : std::uint8_t {
  install,    // newly_installed
  upgrade,    // upgraded
  downgrade,  // downgraded
  reinstall,  // reinstalled
  remove,     // to_remove
  purge,      // to_remove, marked purge
  none,       // no change listed: a package only in the failed set
};

// Returns "install", "upgrade", "downgrade", "reinstall", "remove",
// "purge" or "none".
APTPARSE_EXPORT std::string_view action_name(change_action a) noexcept;

// What became of a planned change (see the file comment).
enum class change_status : std::uint8_t { happened, failed, different, absent };

// Returns "happened", "failed", "different" or "absent".
APTPARSE_EXPORT std::string_view status_name(change_status s) noexcept;

// One package's change as one side shows it; "" where the log prints none.
struct change {
  change_action action = change_action::install;
  std::string name;
  std::string arch;
  std::string old_version;
  std::string new_version;
  friend bool operator==(const change&, const change&) = default;
};

struct planned_change {
  change plan;
  change_status status = change_status::absent;
  // The outcome's change of the package, when it lists one (a failed
  // package that dpkg did not unpack in this run has none).
  std::optional<change> outcome;
  friend bool operator==(const planned_change&,
                         const planned_change&) = default;
};

struct unplanned_change {
  change outcome;
  bool failed = false;  // also in the outcome's failed set
  friend bool operator==(const unplanned_change&,
                         const unplanned_change&) = default;
};

struct comparison {
  // The plan run's Start-Date and End-Date (transaction::start, end) when
  // compare_runs() paired runs by time; else none.
  std::optional<std::string> start, end;
  std::vector<planned_change> planned;      // in the plan's order
  std::vector<unplanned_change> unplanned;  // in the outcome's order

  // Returns the number of planned changes with status `s`.
  APTPARSE_EXPORT std::size_t count(change_status s) const noexcept;
  // True iff every planned change happened.
  bool all_happened() const noexcept {
    return count(change_status::happened) == planned.size();
  }
  friend bool operator==(const comparison&, const comparison&) = default;
};

// Compares the plan of one apt run with its outcome (see the file comment).
APTPARSE_EXPORT comparison compare(std::span<const transaction> plan,
                                   std::span<const transaction> outcome);

// Compares run by run when the logs say when each run was: if every plan
// transaction has a start and an end (history.log) and every outcome
// transaction a start (term.log, dpkg.log), each plan transaction is
// compared with the outcome transactions that start within its [start, end]
// (the times' text compared as text: logs of one host, in one format and
// zone), and the comparison carries the run's times; outcome transactions
// within no plan run are left out. Otherwise returns the one comparison of
// compare(plan, outcome).
APTPARSE_EXPORT std::vector<comparison> compare_runs(
    std::span<const transaction> plan, std::span<const transaction> outcome);

// Appends `c` as one JSON object, without a line end, to `out`; `plan` and
// `outcome` name the inputs. The schema is docs/compare.schema.json.
APTPARSE_EXPORT void append_json(std::string& out, const comparison& c,
                                 std::string_view plan,
                                 std::string_view outcome);

}  // namespace aptparse

#endif  // APTPARSE_COMPARE_H_

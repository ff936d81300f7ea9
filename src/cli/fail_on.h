// What `--fail-on` gates on: the reasons a transaction can fail a CI step,
// and what it leaves pending. The fleet report (Python) asks these
// functions, through _core, so that the CLI's exit status and the report's
// failure table and pending (security) updates agree.
#ifndef APTPARSE_SRC_CLI_FAIL_ON_H_
#define APTPARSE_SRC_CLI_FAIL_ON_H_

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "aptparse/report.h"

namespace aptparse::cli {

// The reasons, as bits, in the order of fail_on_names().
enum fail_reason : unsigned {
  fail_error = 1,             // apt or dpkg printed or logged an error, or dpkg
                              // left packages unfinished (the failed set)
  fail_inconsistent = 2,      // the parsed sets disagree with apt's counts
  fail_pending_security = 4,  // it leaves security updates pending
                              // (pending_security)
};

// "error", "inconsistent", "pending-security": the values of --fail-on,
// bit i = name i.
std::span<const std::string_view> fail_on_names();

// A plan, not a run: an `apt list` listing, or a simulation (every
// upgraded or newly installed package came from a simulate line), so what
// it offers is still pending. Any other transaction was carried out.
bool is_plan(const transaction& t);

// A package that a transaction leaves pending: where it is in it.
struct pending_package {
  pkg_set set;        // upgraded, newly_installed, listed or not_upgraded
  std::size_t index;  // into that set
};

// What `t` leaves pending, in order: in a plan (is_plan), its updates (the
// packages it would upgrade or newly install, or a listing's upgradable
// ones: the sets security_count counts); in any transaction, what it kept
// back (not_upgraded). A run that was carried out (history.log's records,
// `apt-get -y` output) leaves only what it kept back: it installed its
// updates, or failed to (fail_error). The fleet report's "pending" is
// this, less what a later run on the host upgraded or installed.
std::vector<pending_package> pending(const transaction& t);

// "A security update is still pending": some package of pending(t) has
// security true. The one rule of --fail-on pending-security and of the
// fleet report's security updates still pending.
bool pending_security(const transaction& t);

// The reasons that apply to `t`, or-ed.
unsigned fail_reasons(const transaction& t);

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_FAIL_ON_H_

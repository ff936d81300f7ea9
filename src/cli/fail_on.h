// What `--fail-on` gates on: the reasons a transaction can fail a CI step,
// and what a plan offers. The fleet report (Python) asks these functions,
// through _core, so that the CLI's exit status and the report's failure
// table and pending updates agree.
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
  fail_pending_security = 4,  // a plan (is_plan) offers security updates
};

// "error", "inconsistent", "pending-security": the values of --fail-on,
// bit i = name i.
std::span<const std::string_view> fail_on_names();

// A plan, not a run: an `apt list` listing, or a simulation (every
// upgraded or newly installed package came from a simulate line), so what
// it offers is still pending. Any other transaction was carried out.
bool is_plan(const transaction& t);

// An upgrade that a plan offers: where it is in the transaction.
struct offered_upgrade {
  pkg_set set;        // upgraded or listed
  std::size_t index;  // into that set
};

// The upgrades `t` offers, in order: every package of upgraded, then the
// upgradable ones of listed (`apt list --upgradable`). In a plan they are
// pending until a later run carries them out (the fleet report's rule).
std::vector<offered_upgrade> offered(const transaction& t);

// The reasons that apply to `t`, or-ed.
unsigned fail_reasons(const transaction& t);

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_FAIL_ON_H_

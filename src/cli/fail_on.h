// What `--fail-on` gates on: the reasons a transaction can fail a CI step.
// The fleet report (Python) asks the same function, through _core, so that
// the CLI's exit status and the report's failure table agree.
#ifndef APTPARSE_SRC_CLI_FAIL_ON_H_
#define APTPARSE_SRC_CLI_FAIL_ON_H_

#include <span>
#include <string_view>

#include "aptparse/report.h"

namespace aptparse::cli {

// The reasons, as bits, in the order of fail_on_names().
enum fail_reason : unsigned {
  fail_error = 1,         // apt or dpkg printed or logged an error, or dpkg
                          // left packages unfinished (the failed set)
  fail_inconsistent = 2,  // the parsed sets disagree with apt's counts
};

// "error", "inconsistent": the values of --fail-on, bit i = name i.
std::span<const std::string_view> fail_on_names();

// The reasons that apply to `t`, or-ed.
unsigned fail_reasons(const transaction& t);

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_FAIL_ON_H_

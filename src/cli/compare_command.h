// `aptparse --compare PLAN OUTCOME`: what an apt run planned against what
// dpkg did (aptparse/compare.h), as text or one JSON object.
#ifndef APTPARSE_SRC_CLI_COMPARE_COMMAND_H_
#define APTPARSE_SRC_CLI_COMPARE_COMMAND_H_

#include <string>
#include <string_view>

#include "aptparse/compare.h"
#include "cli/flags.h"
#include "cli/run.h"

namespace aptparse::cli {

// Runs the comparison of cfg.files[0] (the plan) with cfg.files[1] (the
// outcome) and returns the exit status (see --help).
int run_compare(const settings& cfg, const streams& io);

// Appends the readable form of `c` to `out`.
void append_compare_text(std::string& out, const comparison& c,
                         std::string_view plan, std::string_view outcome);

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_COMPARE_COMMAND_H_

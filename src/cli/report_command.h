// `aptparse report ...` in the C++ executable: the fleet report is Python
// (aptparse/_fleet_cli.py), so the executable hands it to a Python that
// can import aptparse, or says how to get one.
#ifndef APTPARSE_SRC_CLI_REPORT_COMMAND_H_
#define APTPARSE_SRC_CLI_REPORT_COMMAND_H_

#include <span>
#include <string>

#include "cli/run.h"

namespace aptparse::cli {

// Runs the report with `args` (after "report") in $APTPARSE_PYTHON (default
// python3) on the process's standard streams, and returns its exit status;
// 2, with a message naming the fix, when that Python cannot run it.
int run_report_in_python(std::span<const std::string> args, const streams& io);

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_REPORT_COMMAND_H_

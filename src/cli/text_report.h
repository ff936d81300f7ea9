// The CLI's default, human-readable output.
#ifndef APTPARSE_SRC_CLI_TEXT_REPORT_H_
#define APTPARSE_SRC_CLI_TEXT_REPORT_H_

#include <string>
#include <string_view>

#include "aptparse/report.h"

namespace aptparse::cli {

// Appends a readable summary of `t` to `out`.
void append_text(std::string& out, const transaction& t,
                 std::string_view source);

// Formats a byte count as apt does ("12.3 MB").
std::string human_bytes(double bytes);

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_TEXT_REPORT_H_

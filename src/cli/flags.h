// The command line of `aptparse`. One table (flags.cpp) drives both the
// parsing and --help.
#ifndef APTPARSE_SRC_CLI_FLAGS_H_
#define APTPARSE_SRC_CLI_FLAGS_H_

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "aptparse/options.h"

namespace aptparse::cli {

struct settings {
  bool json = false;
  bool unbuffered = false;
  bool help = false;
  bool version = false;
  unsigned jobs = 0;  // 0: one per core
  options parse;
  std::vector<std::string> files;  // empty or "-": standard input
};

// Parses the arguments (without the program name). On a usage error
// returns false and sets `error`.
bool parse_flags(std::span<const std::string> args, settings& out,
                 std::string& error);

// The full --help text.
std::string help_text();

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_FLAGS_H_

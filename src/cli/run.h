// The aptparse command, callable: the `aptparse` executable (main.cpp) and
// `python -m aptparse` (the Python module's run_cli) both call run(), so
// they are the same program.
#ifndef APTPARSE_SRC_CLI_RUN_H_
#define APTPARSE_SRC_CLI_RUN_H_

#include <unistd.h>

#include <cstdio>
#include <span>
#include <string>

#include "aptparse/parser.h"

namespace aptparse::cli {

// Where the command reads "-" from and writes to.
struct streams {
  int in = STDIN_FILENO;
  std::FILE* out = stdout;
  std::FILE* err = stderr;
};

class progress_meter;

// Feeds the input `path` ("-": io.in) to `p` and finishes it, counting the
// bytes read on `meter` when there is one. Returns why it could not be read
// or parsed (without the file name), or "".
std::string feed_input(parser& p, const std::string& path, const streams& io,
                       progress_meter* meter = nullptr);

// Runs `aptparse ARGS...` (`args` without the program name) and returns
// its exit status (see --help). `out` is flushed before it returns.
int run(std::span<const std::string> args, const streams& io = {});

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_RUN_H_

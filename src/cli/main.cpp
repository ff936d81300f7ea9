// aptparse: the command-line tool. See `aptparse --help` and cli/run.h.
#include <string>
#include <vector>

#include "cli/run.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return aptparse::cli::run(args);
}

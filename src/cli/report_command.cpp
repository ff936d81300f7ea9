#include "cli/report_command.h"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

extern char** environ;

namespace aptparse::cli {
namespace {

constexpr const char* kFix =
    "install the Python package (pip install 'aptparse[report]') for that "
    "interpreter, or set APTPARSE_PYTHON to a Python that has it";

// Imports the report's entry point; says what is wrong when it cannot.
constexpr const char* kBootstrap =
    "import sys\n"
    "try:\n"
    "    from aptparse._fleet_cli import main\n"
    "except ImportError as e:\n"
    "    sys.stderr.write('aptparse: report: %s cannot import the aptparse "
    "Python package (%s): %s\\n' % (sys.executable, e, sys.argv[1]))\n"
    "    sys.exit(2)\n"
    "sys.exit(main(sys.argv[2:]))\n";

}  // namespace

int run_report_in_python(std::span<const std::string> args, const streams& io) {
  const char* env = std::getenv("APTPARSE_PYTHON");
  const std::string python = env && *env ? env : "python3";
  std::vector<const char*> argv = {python.c_str(), "-c", kBootstrap, kFix};
  for (const std::string& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  std::fflush(io.out);
  std::fflush(io.err);
  pid_t pid = 0;
  const int err = posix_spawnp(&pid, python.c_str(), nullptr, nullptr,
                               const_cast<char* const*>(argv.data()), environ);
  if (err != 0) {
    fmt::print(io.err, "aptparse: report: cannot run {}: {}; {}\n", python,
               std::strerror(err), kFix);
    return 2;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace aptparse::cli

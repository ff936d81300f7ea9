// run_cli: the aptparse command (src/cli/run.h) for `python -m aptparse`.
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "cli/run.h"
#include "register.h"

namespace aptparse_py {

namespace py = pybind11;

void register_cli(py::module_& m) {
  m.def(
      "run_cli",
      [](const std::vector<std::string>& args) {
        py::gil_scoped_release nogil;
        return aptparse::cli::run(args);
      },
      py::arg("args"),
      "Runs the aptparse command with `args` (bytes, without the program "
      "name) on the process's standard input, output and error; returns "
      "its exit status. Flush sys.stdout and sys.stderr first.");
}

}  // namespace aptparse_py

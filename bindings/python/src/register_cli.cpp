// run_cli: the aptparse command (src/cli/run.h) for `python -m aptparse`;
// cli_flags(), fail_reasons(), is_plan() and pending() for the report
// subcommand, which is Python (aptparse/_fleet_cli.py, fleet.py) but shares
// the flag table, the --fail-on rules and what a transaction leaves pending.
#include <pybind11/stl.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/fail_on.h"
#include "cli/flags.h"
#include "cli/progress.h"
#include "cli/run.h"
#include "convert.h"
#include "register.h"

namespace aptparse_py {

namespace py = pybind11;

namespace {

// _core.NAME(transaction): `rule` applied to an aptparse.Transaction.
template <class Rule>
void def_transaction_rule(py::module_& m, const char* name, Rule rule,
                          const char* doc) {
  m.def(
      name,
      [rule](py::handle transaction) {
        return rule(transaction_from_py(transaction));
      },
      py::arg("transaction"), doc);
}

}  // namespace

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

  m.def(
      "cli_flags",
      [] {
        py::list out;
        for (const aptparse::cli::flag_doc& f : aptparse::cli::flag_docs()) {
          py::dict d;
          d["long"] = std::string(f.long_name);
          d["short"] = f.short_name ? std::string(1, f.short_name) : "";
          d["metavar"] = std::string(f.metavar);
          d["parse"] = (f.scope & aptparse::cli::for_parse) != 0;
          d["report"] = (f.scope & aptparse::cli::for_report) != 0;
          d["help"] = std::string(f.help);
          d["choices"] =
              std::vector<std::string>(f.choices.begin(), f.choices.end());
          d["repeats"] = f.repeats;
          out.append(d);
        }
        return out;
      },
      "The CLI's flag table (src/cli/flags.cpp): one dict per flag.");

  m.def(
      "cli_texts",
      [] {
        return py::make_tuple(std::string(aptparse::cli::report_usage()),
                              std::string(aptparse::cli::report_description()));
      },
      "The report subcommand's usage line and description.");

  m.def("progress_line", &aptparse::cli::progress_meter::line, py::arg("files"),
        py::arg("total_files"), py::arg("bytes"), py::arg("total_bytes"),
        py::arg("seconds"),
        "The CLI's progress line for these figures (total_bytes 0: unknown).");

  // The rules on one transaction (cli/fail_on.h), so that the fleet report
  // and the CLI's --fail-on share them.
  def_transaction_rule(
      m, "fail_reasons",
      [](const aptparse::transaction& t) {
        const unsigned bits = aptparse::cli::fail_reasons(t);
        std::vector<std::string> out;
        const auto names = aptparse::cli::fail_on_names();
        for (std::size_t i = 0; i < names.size(); ++i)
          if (bits & (1u << i)) out.emplace_back(names[i]);
        return out;
      },
      "The --fail-on reasons (\"error\", \"inconsistent\", ...) that an "
      "aptparse.Transaction meets.");
  def_transaction_rule(
      m, "is_plan", &aptparse::cli::is_plan,
      "Whether an aptparse.Transaction is a plan (a listing or a simulation), "
      "not a run that was carried out.");
  def_transaction_rule(
      m, "pending",
      [](const aptparse::transaction& t) {
        std::vector<std::pair<std::string_view, std::size_t>> out;
        for (const auto& p : aptparse::cli::pending(t))
          out.emplace_back(aptparse::set_name(p.set), p.index);
        return out;
      },
      "What an aptparse.Transaction leaves pending, as (set name, index) "
      "pairs: a plan's upgraded, newly installed and upgradable listed "
      "packages, then any transaction's kept-back ones (not_upgraded).");
}

}  // namespace aptparse_py

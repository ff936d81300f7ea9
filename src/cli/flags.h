// The command line of `aptparse`. One table (flags.cpp) drives the parsing,
// --help, the man page and the shell completions.
#ifndef APTPARSE_SRC_CLI_FLAGS_H_
#define APTPARSE_SRC_CLI_FLAGS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aptparse/options.h"

namespace aptparse::cli {

// When to show progress on standard error (progress.h).
enum class progress_mode : std::uint8_t { automatic, on, off };

struct settings {
  bool json = false;
  bool compare = false;  // --compare PLAN OUTCOME
  bool unbuffered = false;
  bool help = false;
  bool version = false;
  unsigned jobs = 0;  // 0: one per core
  progress_mode progress = progress_mode::automatic;
  unsigned fail_on = 0;  // fail_on.h's reasons, or-ed
  options parse;
  std::vector<std::string> files;  // empty or "-": standard input
};

// The subcommand `aptparse report` (the fleet report) is written in
// Python (aptparse/_fleet_cli.py); its flags are in the same table, with
// the command they belong to.
constexpr std::string_view kReportCommand = "report";

// The commands a flag belongs to.
enum flag_scope : std::uint8_t { for_parse = 1, for_report = 2, for_both = 3 };

// Parses the arguments of the parse command (without the program name).
// On a usage error returns false and sets `error`.
bool parse_flags(std::span<const std::string> args, settings& out,
                 std::string& error);

// The full --help text.
std::string help_text();

// What --help, the man page and the shell completions are made from
// (docgen.cpp), so that none of them can list a flag the others do not.
struct flag_doc {
  std::string_view long_name;
  char short_name;           // 0: none
  std::string_view metavar;  // "" (no value), "N" (a number), "OUT", "TZ", ...
  flag_scope scope;
  std::string_view help;
  std::span<const std::string_view> choices;  // the values it takes, if few
  bool repeats;  // may be given more than once (values accumulate)
};
std::vector<flag_doc> flag_docs();

// The exit statuses (exit_docs() says what each means).
enum exit_code {
  exit_found = 0,
  exit_none = 1,
  exit_error = 2,
  exit_check_failed = 3,  // a --fail-on check failed; --compare: a planned
                          // change did not happen
};

struct exit_doc {
  int code;
  std::string_view meaning;
};
std::span<const exit_doc> exit_docs();

// The forms of the command line after "aptparse " (the usage lines).
std::span<const std::string_view> usages();
// The report subcommand's usage line and paragraph.
std::string_view report_usage();
std::string_view report_description();

// One line: what the command does (the man page's NAME).
std::string_view summary();
// The paragraph after the usage line.
std::string_view description();
// An example command line.
std::string_view example();

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_FLAGS_H_

#include "cli/flags.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include "aptparse/options.h"
#include "cli/fail_on.h"

namespace aptparse::cli {
namespace {

// Is `name` one of the comma-separated items of `list`?
bool in_list(std::string_view list, std::string_view name) {
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    if (list.substr(start, comma - start) == name) return true;
    start = comma + 1;
  }
  return false;
}

// The first item of `list` that is not in `choices`, or "" (none).
std::string_view unknown_item(std::string_view list,
                              std::span<const std::string_view> choices) {
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    const std::string_view item = list.substr(start, comma - start);
    if (std::ranges::find(choices, item) == choices.end())
      return item.empty() ? "(empty)" : item;
    start = comma + 1;
  }
  return "";
}

// A flag's value, when it takes one.
struct flag_value {
  unsigned long long number = 0;
  std::string_view text;
};

struct flag {
  const char* long_name;
  char short_name;      // 0: none
  const char* metavar;  // "": takes no value; "N": a positive number;
                        // "TZ": a time zone the system knows
  flag_scope scope;
  const char* help;
  void (*apply)(settings&, const flag_value&);     // null: report-only
  std::span<const std::string_view> choices = {};  // a comma list of these
  bool repeats = false;
};

void set_fail_on(settings& s, const flag_value& v) {
  const auto names = fail_on_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (in_list(v.text, names[i])) s.fail_on |= 1u << i;
}

const flag kFlags[] = {
    {"json", 0, "", for_parse,
     "Print JSON Lines: one object per transaction (schema in README.md).",
     [](settings& s, const flag_value&) { s.json = true; }},
    {"compare", 0, "", for_parse,
     "Compare the plan of an apt run (apt's output or history.log, first "
     "FILE) with its outcome (term.log or dpkg.log, second FILE): which "
     "planned changes happened, failed or are absent, and which changes "
     "were not planned.",
     [](settings& s, const flag_value&) { s.compare = true; }},
    {"unbuffered", 0, "", for_parse,
     "Flush the output after every transaction (for pipes).",
     [](settings& s, const flag_value&) { s.unbuffered = true; }},
    {"strict", 0, "", for_both,
     "Treat input diagnostics (unknown line inside a list, overlong line) as "
     "errors.",
     [](settings& s, const flag_value&) { s.parse.strict = true; }},
    {"max-line-bytes", 0, "N", for_both,
     "Cut lines longer than N bytes (default 1048576) and report them.",
     [](settings& s, const flag_value& v) {
       s.parse.max_line_bytes = static_cast<std::size_t>(v.number);
     }},
    {"timezone", 0, "TZ", for_both,
     "The zone of the logs' local times (IANA name such as Europe/Berlin, "
     "UTC or +HH:MM): times get its UTC offset.",
     [](settings& s, const flag_value& v) { s.parse.timezone = v.text; }},
    {"jobs", 'j', "N", for_both,
     "Parse up to N files at once (default: one per core).",
     [](settings& s, const flag_value& v) {
       s.jobs = static_cast<unsigned>(v.number);
     }},
    {"fail-on", 0, "LIST", for_both,
     "Exit with status 3 when a transaction has a reason in LIST (comma "
     "separated, or the flag repeated): error (apt or dpkg printed or "
     "logged an error, or dpkg left packages unfinished), inconsistent (the "
     "sets disagree with apt's counts), pending-security (security updates "
     "are left pending: simulate output or an apt list listing offers "
     "versions from a security archive to upgrade or install, or a run kept "
     "one back).",
     set_fail_on, fail_on_names(), true},
    {"progress", 0, "", for_both,
     "Show progress (files, bytes, rate, ETA) on standard error, even when "
     "it is not a terminal. By default it shows on a terminal once a run "
     "takes longer than a second.",
     [](settings& s, const flag_value&) { s.progress = progress_mode::on; }},
    {"no-progress", 0, "", for_both, "Never show progress.",
     [](settings& s, const flag_value&) { s.progress = progress_mode::off; }},
    {"html", 0, "OUT", for_report,
     "Write the report as one self-contained HTML file OUT (plots need "
     "matplotlib: pip install 'aptparse[report]').",
     nullptr},
    {"host-regex", 0, "RE", for_report,
     "The host of a file: the group 'host' (or group 1, or the whole match) "
     "of the first match of the Python regular expression RE in its path. "
     "Default: the directory under the PATH given.",
     nullptr},
    {"help", 'h', "", for_both, "Show this help and exit.",
     [](settings& s, const flag_value&) { s.help = true; }},
    {"version", 'V', "", for_parse,
     "Show the versions of aptparse and of its JSON output and exit.",
     [](settings& s, const flag_value&) { s.version = true; }},
};

const flag* find_long(std::string_view name) {
  for (const flag& f : kFlags)
    if (name == f.long_name && (f.scope & for_parse)) return &f;
  return nullptr;
}

const flag* find_short(char c) {
  for (const flag& f : kFlags)
    if (f.short_name == c && c != 0 && (f.scope & for_parse)) return &f;
  return nullptr;
}

bool parse_number(std::string_view text, unsigned long long& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && out > 0;
}

}  // namespace

bool parse_flags(std::span<const std::string> args, settings& out,
                 std::string& error) {
  bool only_files = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (only_files || a == "-" || !a.starts_with('-')) {
      out.files.emplace_back(a);
      continue;
    }
    if (a == "--") {
      only_files = true;
      continue;
    }
    const flag* f = nullptr;
    std::string_view value;
    bool has_value = false;
    if (a.starts_with("--")) {
      std::string_view name = a.substr(2);
      if (auto eq = name.find('='); eq != std::string_view::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      f = find_long(name);
    } else if (a.size() >= 2) {
      f = find_short(a[1]);
      if (a.size() > 2) {
        value = a.substr(2);
        has_value = true;
      }
    }
    if (f == nullptr) {
      error = fmt::format("unknown option '{}'", a);
      return false;
    }
    flag_value v;
    const std::string_view metavar = f->metavar;
    if (!metavar.empty()) {
      if (!has_value) {
        if (i + 1 >= args.size()) {
          error = fmt::format("option '--{}' needs a value ({})", f->long_name,
                              metavar);
          return false;
        }
        value = args[++i];
      }
      v.text = value;
      if (metavar == "N" && !parse_number(value, v.number)) {
        error = fmt::format("option '--{}' needs a positive number, not '{}'",
                            f->long_name, value);
        return false;
      }
      if (metavar == "TZ" && !timezone_known(value)) {
        // The zone must exist, or the times would silently stay naive.
        error = fmt::format("option '--{}': unknown time zone '{}'",
                            f->long_name, value);
        return false;
      }
      if (const auto bad = unknown_item(value, f->choices);
          !f->choices.empty() && !bad.empty()) {
        error = fmt::format("option '--{}' takes {}, not '{}'", f->long_name,
                            fmt::join(f->choices, ", "), bad);
        return false;
      }
    } else if (has_value) {
      error = fmt::format("option '--{}' takes no value", f->long_name);
      return false;
    }
    f->apply(out, v);
  }
  return true;
}

constexpr exit_doc kExits[] = {
    {exit_found,
     "at least one apt transaction was parsed; with --compare: every planned "
     "change happened"},
    {exit_none,
     "no transaction was found (with --compare: in the plan or the outcome)"},
    {exit_error, "an error: a file could not be read, or a usage error"},
    {exit_check_failed,
     "a transaction failed a --fail-on check (and there was no error); with "
     "--compare: a planned change failed, is absent or was made otherwise"},
};

constexpr std::string_view kReportUsage =
    "aptparse report [--html OUT] [--host-regex RE] [OPTIONS] PATH...";
// The forms of the command line after "aptparse ".
constexpr std::string_view kUsages[] = {
    "[OPTIONS] [FILE...]", "--compare [OPTIONS] PLAN OUTCOME",
    kReportUsage.substr(sizeof("aptparse ") - 1)};

std::vector<flag_doc> flag_docs() {
  std::vector<flag_doc> out;
  for (const flag& f : kFlags)
    out.push_back({f.long_name, f.short_name, f.metavar, f.scope, f.help,
                   f.choices, f.repeats});
  return out;
}

std::span<const exit_doc> exit_docs() { return kExits; }

std::span<const std::string_view> usages() { return kUsages; }

std::string_view summary() {
  return "report what apt, apt-get and dpkg changed";
}

std::string_view description() {
  return "Reads what apt, apt-get and dpkg printed and reports what changed:\n"
         "upgraded, newly installed, removed, not upgraded (kept back or\n"
         "deferred by phasing) and more, with versions, apt's counts, sizes\n"
         "and errors. Reads standard input when FILE is absent or '-';\n"
         "gzip-compressed input is decompressed. With --compare, reads\n"
         "the plan and the outcome of one apt run and says which planned\n"
         "changes happened.\n";
}

std::string_view example() { return "apt-get -s upgrade | aptparse --json"; }

std::string_view report_usage() { return kReportUsage; }

std::string_view report_description() {
  return "The fleet report: reads the logs of many hosts (directories are\n"
         "walked for *.log, *.log.N, *.log.N.gz and *.txt files) and shows\n"
         "pending and applied upgrades per host, security updates still\n"
         "pending, kept-back and held packages, failures, the packages\n"
         "upgraded most often and a timeline; as text, or with --html as one\n"
         "self-contained HTML file. It is written in Python: the aptparse\n"
         "executable runs it with APTPARSE_PYTHON (default python3), which\n"
         "must be able to import the aptparse package (pip install\n"
         "'aptparse[report]').\n";
}

namespace {

// The options of one command, as --help lists them.
std::string option_lines(flag_scope scope) {
  std::string out;
  for (const flag_doc& f : flag_docs()) {
    if (!(f.scope & scope)) continue;
    std::string name =
        f.short_name ? fmt::format("-{}, ", f.short_name) : std::string("    ");
    name += fmt::format("--{}", f.long_name);
    if (!f.metavar.empty()) name += fmt::format(" {}", f.metavar);
    out += fmt::format("  {:<24}", name);
    // The help wrapped to 80 columns, continued under its first line.
    std::size_t column = 26;
    for (std::string_view rest = f.help; !rest.empty();) {
      const std::size_t space = rest.find(' ');
      const std::string_view word = rest.substr(0, space);
      rest = space == std::string_view::npos ? "" : rest.substr(space + 1);
      if (column > 26 && column + 1 + word.size() > 79) {
        out += fmt::format("\n{:26}", "");
        column = 26;
      } else if (column > 26) {
        out += ' ';
        ++column;
      }
      out += word;
      column += word.size();
    }
    out += '\n';
  }
  return out;
}

}  // namespace

std::string help_text() {
  std::string out;
  for (std::string_view u : kUsages)
    out +=
        fmt::format("{} aptparse {}\n", out.empty() ? "Usage:" : "      ", u);
  out += '\n';
  out += description();
  out += "\nOptions:\n";
  out += option_lines(for_parse);
  out += fmt::format("\nReport:\n{}\nReport options:\n{}", report_description(),
                     option_lines(for_report));
  out += "\nExit status:\n";
  for (const exit_doc& e : kExits)
    out += fmt::format("  {}  {}\n", e.code, e.meaning);
  out += fmt::format("\nExample:\n  {}\n", example());
  return out;
}

}  // namespace aptparse::cli

#include "cli/flags.h"

#include <fmt/format.h>

#include <charconv>
#include <string_view>

#include "aptparse/options.h"

namespace aptparse::cli {
namespace {

enum class takes { nothing, number, text };

// The value given to a flag: its number, or its text.
struct flag_value {
  unsigned long long number = 0;
  std::string_view text;
};

struct flag {
  const char* long_name;
  char short_name;  // 0: none
  takes arg;
  const char* help;
  void (*apply)(settings&, const flag_value&);
  const char* metavar = "N";  // the value's name in the docs
};

constexpr flag kFlags[] = {
    {"json", 0, takes::nothing,
     "Print JSON Lines: one object per transaction (schema in README.md).",
     [](settings& s, const flag_value&) { s.json = true; }},
    {"compare", 0, takes::nothing,
     "Compare the plan of an apt run (apt's output or history.log, first "
     "FILE) with its outcome (term.log or dpkg.log, second FILE): which "
     "planned changes happened, failed or are absent, and which changes "
     "were not planned.",
     [](settings& s, const flag_value&) { s.compare = true; }},
    {"unbuffered", 0, takes::nothing,
     "Flush the output after every transaction (for pipes).",
     [](settings& s, const flag_value&) { s.unbuffered = true; }},
    {"strict", 0, takes::nothing,
     "Treat input diagnostics (unknown line inside a list, overlong line) as "
     "errors.",
     [](settings& s, const flag_value&) { s.parse.strict = true; }},
    {"max-line-bytes", 0, takes::number,
     "Cut lines longer than N bytes (default 1048576) and report them.",
     [](settings& s, const flag_value& v) {
       s.parse.max_line_bytes = static_cast<std::size_t>(v.number);
     }},
    {"timezone", 0, takes::text,
     "The zone of the logs' local times (IANA name such as Europe/Berlin, "
     "UTC or +HH:MM): times get its UTC offset.",
     [](settings& s, const flag_value& v) { s.parse.timezone = v.text; }, "TZ"},
    {"jobs", 'j', takes::number,
     "Parse up to N files at once (default: one per core).",
     [](settings& s, const flag_value& v) {
       s.jobs = static_cast<unsigned>(v.number);
     }},
    {"help", 'h', takes::nothing, "Show this help and exit.",
     [](settings& s, const flag_value&) { s.help = true; }},
    {"version", 'V', takes::nothing,
     "Show the versions of aptparse and of its JSON output and exit.",
     [](settings& s, const flag_value&) { s.version = true; }},
};

const flag* find_long(std::string_view name) {
  for (const flag& f : kFlags)
    if (name == f.long_name) return &f;
  return nullptr;
}

const flag* find_short(char c) {
  for (const flag& f : kFlags)
    if (f.short_name == c) return &f;
  return nullptr;
}

bool parse_number(std::string_view text, unsigned long long& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && out > 0;
}

// A text value the flag can use; else sets `error`. (--timezone is the
// one text flag: its zone must exist, or the times would stay naive.)
bool accepts(const flag& f, std::string_view value, std::string& error) {
  if (timezone_known(value)) return true;
  error =
      fmt::format("option '--{}': unknown time zone '{}'", f.long_name, value);
  return false;
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
    if (f->arg != takes::nothing) {
      if (!has_value) {
        if (i + 1 >= args.size()) {
          error = fmt::format("option '--{}' needs {}", f->long_name,
                              f->arg == takes::number ? "a number" : "a value");
          return false;
        }
        value = args[++i];
      }
      v.text = value;
      if (f->arg == takes::number && !parse_number(value, v.number)) {
        error = fmt::format("option '--{}' needs a positive number, not '{}'",
                            f->long_name, value);
        return false;
      }
      if (f->arg == takes::text && !accepts(*f, value, error)) return false;
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
    {exit_not_happened,
     "with --compare: a planned change failed, is absent or was made "
     "otherwise"},
};

constexpr std::string_view kUsages[] = {"[OPTIONS] [FILE...]",
                                        "--compare [OPTIONS] PLAN OUTCOME"};

std::vector<flag_doc> flag_docs() {
  std::vector<flag_doc> out;
  for (const flag& f : kFlags)
    out.push_back({f.long_name, f.short_name,
                   f.arg == takes::nothing ? "" : f.metavar, f.help});
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

std::string help_text() {
  std::string out;
  for (std::string_view u : kUsages)
    out +=
        fmt::format("{} aptparse {}\n", out.empty() ? "Usage:" : "      ", u);
  out += '\n';
  out += description();
  out += "\nOptions:\n";
  for (const flag_doc& f : flag_docs()) {
    std::string name =
        f.short_name ? fmt::format("-{}, ", f.short_name) : std::string("    ");
    name += fmt::format("--{}", f.long_name);
    if (!f.metavar.empty()) name += fmt::format(" {}", f.metavar);
    out += fmt::format("  {:<24}{}\n", name, f.help);
  }
  out += "\nExit status:\n";
  for (const exit_doc& e : kExits)
    out += fmt::format("  {}  {}\n", e.code, e.meaning);
  out += fmt::format("\nExample:\n  {}\n", example());
  return out;
}

}  // namespace aptparse::cli

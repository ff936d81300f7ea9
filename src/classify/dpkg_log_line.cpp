#include "classify/dpkg_log_line.h"

#include <algorithm>
#include <iterator>

#include "classify/version_change.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

// How the words after a line's first one are laid out.
enum class layout : std::uint8_t {
  startup,   // "archives|packages ACTION"
  action,    // "PKG INSTALLED AVAILABLE"
  status,    // "STATE PKG VERSION"
  conffile,  // "PATH install|keep" (the path may hold spaces)
};

struct word_row {
  std::string_view word;
  dpkg_log_kind kind;
  layout fields;
};

// The first word of each line kind, in dpkg_log_kind's order.
constexpr word_row kWords[] = {
    {"startup", dpkg_log_kind::startup, layout::startup},
    {"install", dpkg_log_kind::install, layout::action},
    {"upgrade", dpkg_log_kind::upgrade, layout::action},
    {"remove", dpkg_log_kind::remove, layout::action},
    {"purge", dpkg_log_kind::purge, layout::action},
    {"configure", dpkg_log_kind::configure, layout::action},
    {"trigproc", dpkg_log_kind::trigproc, layout::action},
    {"disappear", dpkg_log_kind::disappear, layout::action},
    {"status", dpkg_log_kind::status, layout::status},
    {"conffile", dpkg_log_kind::conffile, layout::conffile},
};

// cipaction->olong of the actions that log "startup" (src/main/main.c),
// with the word before it: archivefiles() says "archives", packages()
// "packages".
struct invocation_row {
  std::string_view group;
  std::string_view action;
  dpkg_invocation invocation;
};
constexpr invocation_row kInvocations[] = {
    {"archives", "install", dpkg_invocation::install},
    {"archives", "unpack", dpkg_invocation::unpack},
    {"archives", "record-avail", dpkg_invocation::record_avail},
    {"packages", "configure", dpkg_invocation::configure},
    {"packages", "remove", dpkg_invocation::remove},
    {"packages", "purge", dpkg_invocation::purge},
    {"packages", "triggers-only", dpkg_invocation::triggers_only},
};

// statusinfos[] of lib/dpkg/pkg-namevalue.c, in dpkg_state's order.
constexpr std::string_view kStates[] = {
    "not-installed",   "config-files",     "half-installed",   "unpacked",
    "half-configured", "triggers-awaited", "triggers-pending", "installed"};

// "YYYY-MM-DD HH:MM:SS " by position: 'D' a digit, else that byte.
bool has_time_shape(std::string_view line) noexcept {
  constexpr std::string_view kShape = "DDDD-DD-DD DD:DD:DD ";
  if (line.size() <= kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i)
    if (kShape[i] == 'D' ? !is_digit(line[i]) : line[i] != kShape[i])
      return false;
  return true;
}

// Cuts the next space-separated word off `rest`.
std::string_view next_word(std::string_view& rest) noexcept {
  const std::size_t sp = rest.find(' ');
  std::string_view word = rest.substr(0, sp);
  rest =
      sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
  return word;
}

std::string_view version_of(std::string_view word) noexcept {
  return word == "<none>" ? std::string_view{} : word;
}

void split_package(std::string_view token, dpkg_log_fields& out) noexcept {
  const std::size_t colon = token.find(':');
  out.name = token.substr(0, colon);
  out.arch = colon == std::string_view::npos ? std::string_view{}
                                             : token.substr(colon + 1);
}

bool parse_startup(std::string_view rest, dpkg_log_fields& out) noexcept {
  const std::string_view group = next_word(rest);
  for (const invocation_row& row : kInvocations)
    if (row.group == group && row.action == rest) {
      out.invocation = row.invocation;
      return true;
    }
  return false;
}

bool parse_action(std::string_view rest, dpkg_log_fields& out) noexcept {
  const std::string_view pkg = next_word(rest);
  const std::string_view installed = next_word(rest);
  if (pkg.empty() || installed.empty() || rest.empty() ||
      rest.find(' ') != std::string_view::npos)
    return false;
  split_package(pkg, out);
  out.installed = version_of(installed);
  out.available = version_of(rest);
  return !out.name.empty();
}

bool parse_status(std::string_view rest, dpkg_log_fields& out) noexcept {
  const std::string_view state = next_word(rest);
  const std::string_view pkg = next_word(rest);
  if (pkg.empty() || rest.empty() || rest.find(' ') != std::string_view::npos)
    return false;
  const auto* it = std::find(std::begin(kStates), std::end(kStates), state);
  if (it == std::end(kStates)) return false;
  out.state = static_cast<dpkg_state>(it - std::begin(kStates));
  split_package(pkg, out);
  out.installed = version_of(rest);
  return !out.name.empty();
}

bool parse_conffile(std::string_view rest, dpkg_log_fields& out) noexcept {
  const std::size_t sp = rest.rfind(' ');
  if (sp == 0 || sp == std::string_view::npos) return false;
  const std::string_view answer = rest.substr(sp + 1);
  if (answer != "install" && answer != "keep") return false;
  out.path = rest.substr(0, sp);
  out.conffile_installed = answer == "install";
  return true;
}

}  // namespace

bool parse_dpkg_log_line(std::string_view line, dpkg_log_fields& out) noexcept {
  if (!has_time_shape(line)) return false;
  out = dpkg_log_fields{};
  out.time = line.substr(0, dpkg_log_time_size);
  std::string_view rest = line.substr(dpkg_log_time_size + 1);
  const std::string_view word = next_word(rest);
  for (const word_row& row : kWords) {
    if (row.word != word) continue;
    out.kind = row.kind;
    switch (row.fields) {
      case layout::startup:
        return parse_startup(rest, out);
      case layout::action:
        return parse_action(rest, out);
      case layout::status:
        return parse_status(rest, out);
      case layout::conffile:
        return parse_conffile(rest, out);
    }
  }
  return false;
}

package_ref dpkg_log_package(const dpkg_log_fields& f) noexcept {
  package_ref pkg;
  pkg.name = f.name;
  pkg.arch = f.arch;
  pkg.arch_qualified = !f.arch.empty();
  pkg.flags = flag_log_arch;
  switch (f.kind) {
    case dpkg_log_kind::install:
      pkg.set = pkg_set::newly_installed;
      pkg.new_version = f.available;
      break;
    case dpkg_log_kind::upgrade:
      pkg.old_version = f.installed;
      pkg.new_version = f.available;
      pkg.set = version_change(f.installed, f.available);
      break;
    case dpkg_log_kind::disappear:
      pkg.set = pkg_set::disappeared;
      pkg.old_version = f.installed;
      break;
    default:  // remove, purge
      pkg.set = pkg_set::to_remove;
      pkg.old_version = f.installed;
      if (f.kind == dpkg_log_kind::purge) pkg.flags |= flag_purge;
      break;
  }
  return pkg;
}

}  // namespace aptparse::detail

// Stage 2e: the lines of /var/log/dpkg.log. dpkg writes each one with
// log_message() (lib/dpkg/log.c) as strftime "%Y-%m-%d %H:%M:%S" in local
// time, a space, and one of these (dpkg 1.16 to 1.22, unchanged since):
//
//   startup archives ACTION      src/main/archives.c  (install, unpack,
//                                record-avail)
//   startup packages ACTION      src/main/packages.c  (configure, remove,
//                                purge, triggers-only)
//   KIND PKG INSTALLED AVAILABLE log_action(), src/main/help.c; KIND is
//                                install, upgrade, remove, purge,
//                                configure, trigproc or disappear
//   status STATE PKG VERSION     lib/dpkg/dbmodify.c
//   conffile PATH install|keep   src/main/configure.c
//
// PKG is "name:arch" since multiarch (dpkg 1.16.2, pkgbin_name() with
// pnaw_always); before, the bare name. A version is "<none>" when there is
// none (versiondescribe()).
//
// The parse is a fixed-width check of the time, then a table of the first
// word: no regex and no allocation, as it runs on every line of the log.
#ifndef APTPARSE_SRC_CLASSIFY_DPKG_LOG_LINE_H_
#define APTPARSE_SRC_CLASSIFY_DPKG_LOG_LINE_H_

#include <cstdint>
#include <string_view>

#include "aptparse/events.h"

namespace aptparse::detail {

// The kinds of line, in the order of the word table (dpkg_log_line.cpp).
enum class dpkg_log_kind : std::uint8_t {
  startup,    // a dpkg invocation begins
  install,    // unpacked, not installed before (INSTALLED is "<none>")
  upgrade,    // unpacked over another (or the same) version
  remove,     // removed, its configuration files kept
  purge,      // its configuration files removed too
  configure,  // configured
  trigproc,   // triggers processed
  disappear,  // every file taken over by other packages: gone
  status,     // a status change
  conffile,   // a conffile question's answer
};

// What a startup line says dpkg was run to do (--unpack, --configure ...).
enum class dpkg_invocation : std::uint8_t {
  install,       // dpkg -i: never run by apt
  unpack,        // apt's --unpack
  record_avail,  // dpkg -A
  configure,     // --configure, including apt's --configure --pending
  remove,
  purge,
  triggers_only,  // --triggers-only
};

// A package's state on a status line (lib/dpkg/pkg-namevalue.c).
enum class dpkg_state : std::uint8_t {
  not_installed,
  config_files,
  half_installed,
  unpacked,
  half_configured,
  triggers_awaited,
  triggers_pending,
  installed,
};

// True for the states a run that ends there leaves broken: dpkg stopped
// in the middle of unpacking or configuring the package.
constexpr bool is_failed_state(dpkg_state s) noexcept {
  return s == dpkg_state::half_installed || s == dpkg_state::unpacked ||
         s == dpkg_state::half_configured;
}

inline constexpr std::size_t dpkg_log_time_size = 19;  // "YYYY-MM-DD HH:MM:SS"

// One line, split. Views point into the line; empty when absent.
struct dpkg_log_fields {
  dpkg_log_kind kind = dpkg_log_kind::startup;
  std::string_view time;  // "YYYY-MM-DD HH:MM:SS" as written (not checked
                          // to be a valid date: see parse_log_time())
  dpkg_invocation invocation = dpkg_invocation::unpack;  // startup
  std::string_view name;  // package name, without ":arch"
  std::string_view arch;  // "" before multiarch
  // Actions: the installed and the available version, "" for "<none>".
  // status: `installed` is the line's version.
  std::string_view installed;
  std::string_view available;
  dpkg_state state = dpkg_state::not_installed;  // status
  std::string_view path;                         // conffile
  bool conffile_installed = false;  // conffile: "install" (else "keep")
};

// Parses `line` (without its line end). Returns false if it is not one of
// dpkg's log lines: then `out` is unspecified.
bool parse_dpkg_log_line(std::string_view line, dpkg_log_fields& out) noexcept;

// Returns the package that an install, upgrade, remove, purge or disappear
// line says changed: newly_installed; upgraded, downgraded or reinstalled
// (version_change()); to_remove (purge: flag_purge); disappeared.
package_ref dpkg_log_package(const dpkg_log_fields& f) noexcept;

// True iff `kind` changes a package set (see dpkg_log_package()).
constexpr bool changes_package(dpkg_log_kind kind) noexcept {
  return kind == dpkg_log_kind::install || kind == dpkg_log_kind::upgrade ||
         kind == dpkg_log_kind::remove || kind == dpkg_log_kind::purge ||
         kind == dpkg_log_kind::disappear;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_DPKG_LOG_LINE_H_

// What a line of apt output means. The format tables map text to these.
#ifndef APTPARSE_SRC_CLASSIFY_LINE_KIND_H_
#define APTPARSE_SRC_CLASSIFY_LINE_KIND_H_

#include <cstdint>

namespace aptparse::detail {

enum class line_kind : std::uint8_t {
  unknown,                // no table row matched
  blank,                  // empty or only white space
  noise,                  // known text that carries nothing to report
  run_start,              // "Reading package lists": an apt run begins
  header,                 // a package list header (list_header)
  header_more,            // the second line of a two-line header
  summary,                // the counts line (composed from four msgids)
  not_fully_installed,    // "%lu not fully installed or removed."
  size_download,          // "Need to get %sB of archives."
  size_download_partial,  // "Need to get %sB/%sB of archives."
  size_disk_used,         // "... %sB of additional disk space will be used."
  size_disk_freed,        // "... %sB disk space will be freed."
  size_space_needed,      // apt 3.0 "Space needed: %sB / %sB available"
  size_boot,              // apt 3.0 "in %s:  %sB / %sB available"
  message,                // E:/W:/N:/A: and apt 3.0 Error:... (message_text)
  sim_inst,               // "Inst ..." simulate line
  sim_conf,               // "Conf ..."
  sim_remv,               // "Remv ..."
  sim_purg,               // "Purg ..."
  dpkg_action,  // dpkg's "Unpacking %s (%s) over (%s) ..." (dpkg_action)
  record,       // history.log "Upgrade: a (1, 2), b (3, 4)" (log_record)
  hold_mark,    // apt-mark's "%s set on hold." (hold_change)
  log_key,      // a key of apt's logs: "Start-Date: ...", ... (log_key)
};

// What a log key does to the record it is in (log_key::role).
enum class key_role : std::uint8_t {
  inside,        // a field of the open record ("Commandline:")
  opens_keyed,   // begins a record of "Key: value" lines (history.log)
  opens_output,  // begins a record of dpkg's output (term.log)
  closes,        // the record's last line ("End-Date:", "Log ended:")
};

// What a dpkg action line says happened to its package.
enum class dpkg_act : std::uint8_t {
  unpack_new,   // "Unpacking %s (%s) ...": a new install
  unpack_over,  // "Unpacking %s (%s) over (%s) ...": up-, down- or reinstall
  remove,       // "Removing %s (%s) ..."
  purge,        // "Purging configuration files for %s (%s) ..."
};

// record_flag: extra meaning of a log record (log_record::flags).
enum record_flag : std::uint8_t {
  record_purge = 1,      // "Purge:" entries
  record_reinstall = 2,  // "Reinstall:" entries: old and new are the same
};

// How a row's pattern is matched against a line (trimmed of white space).
enum class match_kind : std::uint8_t {
  exact,   // the whole line equals the pattern
  prefix,  // the line starts with the pattern's text before its first '%'
  format,  // printf-style: %s and %lu become RE2 captures
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_LINE_KIND_H_

// Parser options.
//
//   option                  (default)   meaning
//   max_line_bytes          (1 MiB)     a longer line is cut: its first this
//                                       many bytes are parsed (so a list
//                                       item's name survives), the rest is
//                                       dropped and reported as
//                                       errc::line_too_long. This bounds the
//                                       parser's memory.
//   max_packages_per_list   (1 << 20)   the report builder keeps at most this
//                                       many packages in one set (and never
//                                       over about 10^8, its index's bound);
//                                       the rest are reported as
//                                       too_many_packages.
//   max_transactions        (0 = none)  the report builder keeps at most this
//                                       many transactions; the rest are
//                                       counted and reported as one
//                                       too_many_transactions diagnostic.
//   max_unrecognized_kept   (64)        the report builder keeps the text of
//                                       this many unrecognised lines per
//                                       transaction; all are counted.
//   strict                  (false)     a diagnostic about the input (an
//                                       unknown line inside a package list, a
//                                       line over the cap, a cut-off
//                                       transaction) becomes a fatal status
//                                       and stops the parse at the line that
//                                       caused it, whatever the chunking: the
//                                       rest of the input is ignored, and
//                                       finish() only ends the open
//                                       transaction. USE FOR TESTS: real logs
//                                       hold lines that no table knows.
//   timezone                ("")        the zone of the local times in apt's
//                                       logs: an IANA name ("Europe/Berlin",
//                                       read from the system's zoneinfo),
//                                       "UTC" or a fixed offset "+HH:MM" /
//                                       "-HH:MM". The report builder then
//                                       appends each time's UTC offset
//                                       ("2026-11-27T05:56:57+01:00"). Empty:
//                                       times stay naive, as apt wrote them.
//   apt_runs                (none)      apt's runs on the host whose
//                                       dpkg.log is parsed, as history.log's
//                                       Start-Date and End-Date give them
//                                       (apt_runs_of(), report.h): dpkg.log
//                                       lines are then grouped into one
//                                       transaction per run exactly, not by
//                                       the rule of events.h.
#ifndef APTPARSE_OPTIONS_H_
#define APTPARSE_OPTIONS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "aptparse/export.h"

namespace aptparse {

// One apt run: the local times ("YYYY-MM-DDTHH:MM:SS"; a UTC offset after
// them is ignored) at which apt started its first and ended its last dpkg
// call. Both seconds are included.
struct run_window {
  std::string start;
  std::string end;
  friend bool operator==(const run_window&, const run_window&) = default;
};

struct options {
  std::size_t max_line_bytes = std::size_t{1} << 20;
  std::size_t max_packages_per_list = std::size_t{1} << 20;
  std::size_t max_transactions = 0;
  std::size_t max_unrecognized_kept = 64;
  bool strict = false;
  std::string timezone;
  std::vector<run_window> apt_runs;
};

// Returns true iff options::timezone may be `name`: "UTC", "+HH:MM",
// "-HH:MM" or a zone of the system's zoneinfo. (A report_builder given an
// unknown zone reports errc::unknown_timezone and keeps the times naive.)
APTPARSE_EXPORT bool timezone_known(std::string_view name);

}  // namespace aptparse

#endif  // APTPARSE_OPTIONS_H_

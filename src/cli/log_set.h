// Inputs that go together. A directory stands for the apt and dpkg logs in
// it (history.log, term.log, dpkg.log and their rotations, oldest first);
// a history.log given alongside dpkg.log supplies apt's runs, so that
// dpkg.log's lines are grouped exactly (options::apt_runs, events.h).
#ifndef APTPARSE_SRC_CLI_LOG_SET_H_
#define APTPARSE_SRC_CLI_LOG_SET_H_

#include <string>
#include <vector>

#include "aptparse/options.h"

namespace aptparse::cli {

// Replaces each directory in `files` by the logs in it whose names begin
// with "history.log", "term.log" or "dpkg.log": by name, and each name's
// rotations oldest first (dpkg.log.2.gz, dpkg.log.1, dpkg.log). A
// directory without any stays, for the reader to report.
void expand_log_dirs(std::vector<std::string>& files);

// True iff the file's first line that is not blank is history.log's
// "Start-Date: " (whatever the file's name). False if it cannot be read.
bool is_history_log(const std::string& path);

// The apt runs of the history.logs in `files` (is_history_log(); parsed
// with `opts`), in their order. Files that cannot be read give none; the
// main pass reports them.
std::vector<run_window> history_runs(const std::vector<std::string>& files,
                                     const options& opts);

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_LOG_SET_H_

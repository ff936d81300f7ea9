// apt's runs as history.log gives them, for options::apt_runs.
#include "aptparse/report.h"

namespace aptparse {

std::vector<run_window> apt_runs_of(const report& history) {
  std::vector<run_window> runs;
  for (const transaction& t : history.transactions)
    if (t.start && t.end)
      runs.push_back(run_window{std::string(*t.start), std::string(*t.end)});
  return runs;
}

}  // namespace aptparse

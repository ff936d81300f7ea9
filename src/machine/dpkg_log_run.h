// dpkg.log's lines grouped into apt runs, and what a run left broken.
// The rule is the one events.h gives users; here is why it holds.
//
// apt runs dpkg several times in one run (apt-pkg/deb/dpkgpm.cc,
// pkgDPkgPM::Go): once for each stretch of its order list with one
// operation (--unpack, --configure, --remove, --purge; a long stretch in
// several calls), and, when all went well, `dpkg --configure --pending`
// last (apt 2.x may purge after it: the corpus's purge runs). Between two
// calls apt only starts the next one; it resolves, prompts and downloads
// before the first. apt writes history.log's Start-Date right before its
// first dpkg call and End-Date after its last, so every dpkg.log line of
// the run lies between them (both to the second).
#ifndef APTPARSE_SRC_MACHINE_DPKG_LOG_RUN_H_
#define APTPARSE_SRC_MACHINE_DPKG_LOG_RUN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "aptparse/events.h"
#include "aptparse/options.h"
#include "classify/dpkg_log_line.h"
#include "util/log_time.h"

namespace aptparse::detail {

class dpkg_log_run {
 public:
  static constexpr std::int64_t kSameRunGap = 2;  // seconds
  static constexpr std::int64_t kIdleGap = 60;

  // apt's runs ("YYYY-MM-DDTHH:MM:SS", any UTC offset after it ignored).
  // Returns false if a time does not parse; such a run is left out.
  bool set_runs(const std::vector<run_window>& runs);

  // True while the open transaction is a dpkg.log run.
  bool active() const noexcept { return active_; }

  // True iff a startup line at `time` (nullopt: its time did not parse)
  // begins a new apt run while this one is open.
  bool starts_new_run(const std::optional<civil_time>& time) const;

  // A dpkg.log line at `time`: the first one opens a run. Returns true
  // iff it is the run's first line with a valid time (its start).
  bool note(const dpkg_log_fields& f, const std::optional<civil_time>& time);

  // The time of the run's last line with a valid one (nullopt: none).
  const std::optional<civil_time>& last_time() const noexcept {
    return last_time_;
  }

  // Calls emit(package_ref) for each failed package, in the order dpkg
  // first gave each a status.
  template <class Emit>
  void for_each_failed(Emit&& emit) const {
    for (const entry& e : states_) {
      if (!is_failed_state(e.state)) continue;
      package_ref pkg;
      pkg.name = e.name;
      pkg.arch = e.arch;
      pkg.arch_qualified = !e.arch.empty();
      pkg.new_version = e.version;
      pkg.set = pkg_set::failed;
      pkg.flags = flag_log_arch;
      emit(pkg);
    }
  }

  // The run ended.
  void close();

 private:
  struct entry {
    std::string name, arch, version;
    dpkg_state state = dpkg_state::not_installed;
  };
  struct window {
    std::int64_t start = 0, end = 0;  // seconds, both included
  };

  std::optional<std::size_t> window_of(std::int64_t seconds) const;
  void note_status(const dpkg_log_fields& f);

  std::vector<window> windows_;  // sorted by start
  bool active_ = false;
  std::optional<civil_time> last_time_;
  std::optional<std::int64_t> last_seconds_;
  std::optional<std::size_t> window_;  // the open run's
  bool after_configure_ = false;  // the last call: --configure/--triggers-only
  std::vector<entry> states_;
  std::unordered_map<std::uint64_t, std::uint32_t> index_;  // into states_
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_MACHINE_DPKG_LOG_RUN_H_

#include "machine/dpkg_log_run.h"

#include <algorithm>

#include "util/key_set.h"

namespace aptparse::detail {
namespace {

bool is_configure_call(dpkg_invocation call) noexcept {
  return call == dpkg_invocation::configure ||
         call == dpkg_invocation::triggers_only;
}

std::optional<std::int64_t> seconds_of(const std::optional<civil_time>& t) {
  if (!t) return std::nullopt;
  return seconds_since_epoch(*t);
}

// A time as the report gives it, maybe with a UTC offset: the offset is
// dropped, as dpkg.log's times are the same local time without one.
std::optional<civil_time> naive_time(std::string_view iso) {
  return parse_log_time(iso.substr(0, std::min(iso.size(), iso_time_size)));
}

}  // namespace

bool dpkg_log_run::set_runs(const std::vector<run_window>& runs) {
  windows_.clear();
  bool all = true;
  for (const run_window& run : runs) {
    const auto start = naive_time(run.start), end = naive_time(run.end);
    if (!start || !end) {
      all = false;
      continue;
    }
    windows_.push_back(
        {seconds_since_epoch(*start), seconds_since_epoch(*end)});
  }
  std::sort(windows_.begin(), windows_.end(),
            [](const window& a, const window& b) { return a.start < b.start; });
  return all;
}

std::optional<std::size_t> dpkg_log_run::window_of(std::int64_t seconds) const {
  // The last window that starts at or before `seconds`, if it still runs.
  auto it = std::upper_bound(
      windows_.begin(), windows_.end(), seconds,
      [](std::int64_t s, const window& w) { return s < w.start; });
  if (it == windows_.begin()) return std::nullopt;
  --it;
  if (seconds > it->end) return std::nullopt;
  return static_cast<std::size_t>(it - windows_.begin());
}

bool dpkg_log_run::starts_new_run(const std::optional<civil_time>& time) const {
  const std::optional<std::int64_t> now = seconds_of(time);
  if (!windows_.empty() && now) {
    std::optional<std::size_t> w = window_of(*now);
    // The second one run ends in and the next begins in: a call after a
    // configure call is the next run's, any other one is still this one's.
    if (w && window_ && *w == *window_ + 1 && !after_configure_ &&
        *now <= windows_[*window_].end)
      w = window_;
    if (w || window_) return w != window_;
  }
  if (!now || !last_seconds_) return false;
  const std::int64_t gap = *now - *last_seconds_;
  return gap >= kIdleGap || (after_configure_ && gap >= kSameRunGap);
}

bool dpkg_log_run::note(const dpkg_log_fields& f,
                        const std::optional<civil_time>& time) {
  active_ = true;
  const bool starts = time && !last_time_;
  if (time) {
    last_time_ = time;
    last_seconds_ = seconds_since_epoch(*time);
    // The run is in the apt run of its first time.
    if (starts && !windows_.empty()) window_ = window_of(*last_seconds_);
  }
  if (f.kind == dpkg_log_kind::startup)
    after_configure_ = is_configure_call(f.invocation);
  if (f.kind == dpkg_log_kind::status) note_status(f);
  return starts;
}

void dpkg_log_run::note_status(const dpkg_log_fields& f) {
  const std::uint64_t key = key_set::key_of(f.name, f.arch);
  auto [it, added] =
      index_.try_emplace(key, static_cast<std::uint32_t>(states_.size()));
  if (added)
    states_.push_back(entry{std::string(f.name),
                            std::string(f.arch),
                            {},
                            dpkg_state::not_installed});
  entry& e = states_[it->second];
  e.state = f.state;
  if (e.version != f.installed) e.version.assign(f.installed);
}

void dpkg_log_run::close() {
  active_ = false;
  last_time_.reset();
  last_seconds_.reset();
  window_.reset();
  after_configure_ = false;
  states_.clear();
  index_.clear();
}

}  // namespace aptparse::detail

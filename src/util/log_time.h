// The times of apt's logs. apt writes them with strftime "%F  %T" (two
// spaces; apt-pkg/deb/dpkgpm.cc), in the machine's local time and without a
// zone. They are passed on as ISO 8601 "YYYY-MM-DDTHH:MM:SS".
#ifndef APTPARSE_SRC_UTIL_LOG_TIME_H_
#define APTPARSE_SRC_UTIL_LOG_TIME_H_

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace aptparse::detail {

// A calendar date and wall-clock time, in no particular zone.
struct civil_time {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  friend bool operator==(const civil_time&, const civil_time&) = default;
};

// Reads "YYYY-MM-DD HH:MM:SS" with one or more spaces or a single 'T'
// between date and time, and nothing after (as ISO 8601 and as apt
// writes it). nullopt unless every field is in range (day against its
// month, leap years included; second 60 is a leap second).
std::optional<civil_time> parse_log_time(std::string_view text) noexcept;

// Whether parse_log_time accepts `text`, without building the time (a
// history.log record needs only the verdict and iso_time_of_accepted).
bool is_log_time(std::string_view text) noexcept;

// The same, field by field with a two-digit helper: the definition
// parse_log_time's eight-byte tests are held to.
std::optional<civil_time> parse_log_time_by_fields(
    std::string_view text) noexcept;

inline constexpr std::size_t iso_time_size = 19;  // "YYYY-MM-DDTHH:MM:SS"

// Writes `t` as "YYYY-MM-DDTHH:MM:SS" to out[0, iso_time_size).
void format_iso_time(const civil_time& t, char* out) noexcept;

// Writes to out[0, iso_time_size) the ISO form of `text`, which
// parse_log_time accepted: its date, 'T', its time. The same bytes as
// format_iso_time of the parsed time, copied instead of computed.
// Inline: two fixed-size copies, not a call, for each record time.
inline void iso_time_of_accepted(std::string_view text, char* out) noexcept {
  std::memcpy(out, text.data(), 10);
  out[10] = 'T';
  std::memcpy(out + 11, text.data() + text.size() - 8, 8);
}

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(int year, int month, int day) noexcept;

// Seconds since 1970-01-01T00:00:00 of `t` read as UTC.
std::int64_t seconds_since_epoch(const civil_time& t) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_UTIL_LOG_TIME_H_

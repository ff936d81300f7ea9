// The zone that options::timezone names, and the UTC offset of a local
// time in it: what makes apt's naive log times aware.
#ifndef APTPARSE_SRC_UTIL_TIME_ZONE_H_
#define APTPARSE_SRC_UTIL_TIME_ZONE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/log_time.h"

namespace aptparse::detail {

class time_zone {
 public:
  // The zone called `name`: "UTC", a fixed offset "+HH:MM" or "-HH:MM", or
  // an IANA name read from the system's zoneinfo ($TZDIR, else
  // /usr/share/zoneinfo). nullopt: no such zone, or not a TZif file.
  static std::optional<time_zone> find(std::string_view name);

  // The UTC offset, in seconds east, that the zone's clocks showed at the
  // local time `t`.
  int offset_of_local(const civil_time& t) const;

  struct rules;  // an IANA zone's transitions (time_zone.cpp)

 private:
  int fixed_ = 0;                       // without rules
  std::shared_ptr<const rules> rules_;  // an IANA zone
};

// "+HH:MM" for an offset in seconds east of UTC ("+HH:MM:SS" when it has
// seconds, as some zones' local mean time had).
std::string format_utc_offset(int seconds);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_UTIL_TIME_ZONE_H_

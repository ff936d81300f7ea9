// util/log_time: apt's "%F  %T" times and their ISO 8601 form.
#include "util/log_time.h"

#include <gtest/gtest.h>

#include <string>

namespace aptparse::detail {
namespace {

std::string iso(std::string_view text) {
  auto t = parse_log_time(text);
  if (!t) return "(none)";
  char out[iso_time_size];
  format_iso_time(*t, out);
  char copied[iso_time_size];  // the parser's shortcut must agree
  iso_time_of_accepted(text, copied);
  EXPECT_EQ(std::string_view(copied, iso_time_size),
            std::string_view(out, iso_time_size))
      << text;
  return std::string(out, iso_time_size);
}

TEST(LogTime, AptsTwoSpacesOneSpaceAndIsoReadTheSame) {
  EXPECT_EQ(iso("2026-11-27  05:56:57"), "2026-11-27T05:56:57");
  EXPECT_EQ(iso("2026-11-27 05:56:57"), "2026-11-27T05:56:57");
  EXPECT_EQ(iso("2026-11-27T05:56:57"), "2026-11-27T05:56:57");
  EXPECT_EQ(iso("1999-01-02     00:00:09"), "1999-01-02T00:00:09");
}

TEST(LogTime, FieldsOutOfRangeAreNoTime) {
  for (const char* bad :
       {"2026-13-01  00:00:00", "2026-00-01  00:00:00", "2026-02-29  00:00:00",
        "2026-04-31  00:00:00", "2026-11-27  24:00:00", "2026-11-27  23:60:00",
        "2026-11-27  23:59:61"})
    EXPECT_EQ(iso(bad), "(none)") << bad;
  EXPECT_EQ(iso("2024-02-29  23:59:60"), "2024-02-29T23:59:60");  // leap
}

TEST(LogTime, AnythingButTheExactShapeIsNoTime) {
  for (const char* bad :
       {"", "2026-11-27", "2026-11-27  05:56", "26-11-27  05:56:57",
        "2026-11-27  05:56:57 UTC", "2026-11-27TT05:56:57",
        "2026-11-2705:56:57", "2026/11/27  05:56:57", "2026-11-27  5:56:57",
        "Thu Nov 27 05:56:57 2026", "2026-11-27 T05:56:57",
        "2026-11-27T 05:56:57", "2026-11-27  05-56:57", "2026-11-27  05:56:5x",
        "2026-1x-27  05:56:57", "x026-11-27  05:56:57"})
    EXPECT_EQ(iso(bad), "(none)") << bad;
}

TEST(LogTime, EpochSecondsFollowTheGregorianCalendar) {
  EXPECT_EQ(seconds_since_epoch({1970, 1, 1, 0, 0, 0}), 0);
  EXPECT_EQ(seconds_since_epoch({2000, 3, 1, 0, 0, 0}), 951868800);
  EXPECT_EQ(seconds_since_epoch({2026, 11, 27, 5, 56, 57}), 1795759017);
  EXPECT_EQ(seconds_since_epoch({1969, 12, 31, 23, 59, 59}), -1);
}

}  // namespace
}  // namespace aptparse::detail

// util/time_zone: the UTC offset of a local time, from the system's
// zoneinfo, checked against glibc's own reading of the same files.
#include "util/time_zone.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

#include "support/parse_expect.h"

namespace aptparse::detail {
namespace {

int offset(std::string_view zone, civil_time t) {
  const auto z = testing::expect_found(time_zone::find(zone), zone);
  return z ? z->offset_of_local(t) : -1;
}

TEST(TimeZone, UtcAndFixedOffsetsNeedNoZoneinfo) {
  EXPECT_EQ(offset("UTC", {2026, 7, 1, 12, 0, 0}), 0);
  EXPECT_EQ(offset("+05:30", {2026, 7, 1, 12, 0, 0}), 19800);
  EXPECT_EQ(offset("-03:00", {2026, 7, 1, 12, 0, 0}), -10800);
  EXPECT_EQ(format_utc_offset(19800), "+05:30");
  EXPECT_EQ(format_utc_offset(-10800), "-03:00");
  EXPECT_EQ(format_utc_offset(0), "+00:00");
  EXPECT_EQ(format_utc_offset(3208), "+00:53:28");  // Berlin's mean time
}

TEST(TimeZone, UnknownOrUnsafeNamesAreNoZone) {
  for (const char* bad :
       {"", "Nowhere/Atlantis", "../../etc/passwd", "/etc/localtime",
        "Europe/../Europe/Berlin", "+5:30", "+24:00", "UTC+1", "Europe"})
    EXPECT_FALSE(time_zone::find(bad).has_value()) << bad;
}

TEST(TimeZone, BerlinSummerAndWinterTime) {
  EXPECT_EQ(offset("Europe/Berlin", {2026, 1, 15, 12, 0, 0}), 3600);
  EXPECT_EQ(offset("Europe/Berlin", {2026, 7, 15, 12, 0, 0}), 7200);
}

TEST(TimeZone, ASkippedHourTakesTheOffsetBeforeTheChange) {
  // 2026-03-29 02:30 does not exist in Berlin (02:00 -> 03:00).
  EXPECT_EQ(offset("Europe/Berlin", {2026, 3, 29, 2, 30, 0}), 3600);
  EXPECT_EQ(offset("Europe/Berlin", {2026, 3, 29, 3, 0, 0}), 7200);
}

TEST(TimeZone, ARepeatedHourTakesItsFirstPass) {
  // 2026-10-25 02:30 happens twice in Berlin: first in summer time.
  EXPECT_EQ(offset("Europe/Berlin", {2026, 10, 25, 2, 30, 0}), 7200);
  EXPECT_EQ(offset("Europe/Berlin", {2026, 10, 25, 3, 0, 0}), 3600);
}

TEST(TimeZone, SouthernSummerSpansTheNewYear) {
  EXPECT_EQ(offset("Australia/Sydney", {2026, 1, 1, 0, 0, 0}), 39600);
  EXPECT_EQ(offset("Australia/Sydney", {2026, 7, 1, 0, 0, 0}), 36000);
}

TEST(TimeZone, TimesAfterTheLastTransitionFollowTheFilesRule) {
  // Far beyond any file's list of transitions: the POSIX TZ footer.
  EXPECT_EQ(offset("Europe/Berlin", {2300, 7, 1, 12, 0, 0}), 7200);
  EXPECT_EQ(offset("Europe/Berlin", {2300, 12, 1, 12, 0, 0}), 3600);
  EXPECT_EQ(offset("America/New_York", {2300, 7, 1, 12, 0, 0}), -14400);
  EXPECT_EQ(offset("Australia/Sydney", {2300, 1, 1, 12, 0, 0}), 39600);
}

// glibc's mktime() in the same zone, for one local time (DST unknown, so
// that glibc picks as it does; compared only where the time is unique).
long glibc_offset(const civil_time& t) {
  std::tm tm{};
  tm.tm_year = t.year - 1900;
  tm.tm_mon = t.month - 1;
  tm.tm_mday = t.day;
  tm.tm_hour = t.hour;
  tm.tm_min = t.minute;
  tm.tm_sec = t.second;
  tm.tm_isdst = -1;
  const std::time_t utc = std::mktime(&tm);
  return static_cast<long>(seconds_since_epoch(t) - utc);
}

TEST(TimeZone, AgreesWithGlibcEveryFewHoursOverTwoCenturies) {
  // The test program is single-threaded: it may set $TZ.
  for (const char* name :
       {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
        "America/Sao_Paulo", "Pacific/Chatham", "Africa/Casablanca",
        "Europe/Dublin"}) {
    auto z = time_zone::find(name);
    ASSERT_TRUE(z.has_value()) << name;
    setenv("TZ", name, 1);
    tzset();
    int checked = 0;
    for (int year = 1950; year <= 2150; year += 7) {
      for (int month = 1; month <= 12; ++month) {
        for (int day = 1; day <= 28; day += 9) {
          for (int hour = 1; hour < 24; hour += 5) {
            const civil_time t{year, month, day, hour, 17, 0};
            // Where the hour before and after differ, the time is near a
            // change and may be ambiguous; glibc's choice there is its own.
            const civil_time a{year, month, day, hour - 1, 17, 0};
            const civil_time b{year, month, day, hour + 1, 17, 0};
            if (glibc_offset(a) != glibc_offset(b)) continue;
            EXPECT_EQ(z->offset_of_local(t), glibc_offset(t))
                << name << ' ' << year << '-' << month << '-' << day << ' '
                << hour;
            ++checked;
          }
        }
      }
    }
    EXPECT_GT(checked, 3000) << name;
  }
  unsetenv("TZ");
  tzset();
}

TEST(TimeZone, AFileThatIsNotTzifIsNoZone) {
  const std::string dir = ::testing::TempDir() + "/aptparse_tzdir";
  std::string mk = "mkdir -p " + dir;
  ASSERT_EQ(std::system(mk.c_str()), 0);
  std::ofstream(dir + "/Bad") << "not a zone file";
  std::ofstream(dir + "/Cut")
      << std::string("TZif2", 5) << std::string(20, '\0');
  setenv("TZDIR", dir.c_str(), 1);
  EXPECT_FALSE(time_zone::find("Bad").has_value());
  EXPECT_FALSE(time_zone::find("Cut").has_value());
  EXPECT_FALSE(time_zone::find("Europe/Berlin").has_value());  // not there
  unsetenv("TZDIR");
  EXPECT_TRUE(time_zone::find("Europe/Berlin").has_value());
}

}  // namespace
}  // namespace aptparse::detail

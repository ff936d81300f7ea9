// util/log_time: apt's "%F  %T" times and their ISO 8601 form.
#include "util/log_time.h"

#include <gtest/gtest.h>

#include <random>
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

// parse_log_time's eight-byte tests against the field-by-field definition:
// apt's times with each byte in turn replaced, and random strings from the
// bytes a time is made of. is_log_time (the record path's verdict) is held
// to the same definition on every one of them.
void expect_same_time(const std::string& text) {
  const std::string exact(text);  // a buffer of the text's own size
  const auto by_fields = parse_log_time_by_fields(exact);
  EXPECT_EQ(parse_log_time(exact), by_fields) << text;
  EXPECT_EQ(is_log_time(exact), by_fields.has_value()) << text;
}

TEST(LogTime, IsLogTimeAcceptsExactlyWhatTheParserAccepts) {
  for (const char* text :
       {"2026-11-27  05:56:57", "2024-02-29T23:59:60", "2023-02-29  10:00:00",
        "2026-13-01  00:00:00", "2026-11-27  24:00:00", "2026-11-27 05:56",
        "2026-11-27\t05:56:57", "", "2026-11-27  05:56:57 "}) {
    const std::string exact(text);
    EXPECT_EQ(is_log_time(exact), parse_log_time(exact).has_value()) << text;
  }
  EXPECT_TRUE(is_log_time("2026-11-27  05:56:57"));
  EXPECT_FALSE(is_log_time("2023-02-29  10:00:00"));
}

TEST(LogTime, EightByteTestsReadAsTheFieldParserOnEveryByteChange) {
  const std::string base[] = {"2024-02-29  23:59:60", "2023-12-31 00:00:00",
                              "1999-01-02T10:10:10", "2026-11-27   05:56:57"};
  const char bytes[] = {'0',    '1',    '5',    '9', ':',    '-',    ' ',
                        'T',    '/',    '@',    'A', '\x00', '\x7f', '\x80',
                        '\xca', '\xcf', '\xff', ';', '\x1a', '\x0a'};
  for (const std::string& b : base)
    for (std::size_t at = 0; at < b.size(); ++at)
      for (char c : bytes) {
        std::string s = b;
        s[at] = c;
        expect_same_time(s);
        for (char d : bytes) {  // and a second byte beside it
          if (at + 1 >= s.size()) break;
          std::string t = s;
          t[at + 1] = d;
          expect_same_time(t);
        }
      }
}

TEST(LogTime, EightByteTestsReadAsTheFieldParserOnRandomStrings) {
  const char bytes[] = "0123456789012345678900112233:-- T\xca\xff/";
  std::mt19937 rng(15);
  for (int round = 0; round < 200000; ++round) {
    std::string s = "2024-03-01  10:00:01";
    s.resize(17 + rng() % 6, '0');
    const int changes = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < changes; ++k)
      s[rng() % s.size()] = bytes[rng() % (sizeof bytes - 1)];
    expect_same_time(s);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace aptparse::detail

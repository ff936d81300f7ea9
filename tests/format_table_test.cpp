#include "classify/format_table.h"

#include <gtest/gtest.h>

#include <re2/re2.h>

#include <set>

#include "aptparse/events.h"

namespace aptparse::detail {
namespace {

const table_row* match(std::string_view line, captures& caps) {
  return format_table::instance().match(line, caps);
}

TEST(CompileFormat, NumbersAndStringsBecomeCaptures) {
  std::string re;
  std::vector<int> args;
  compile_format("%lu upgraded, %s (x)", re, args);
  EXPECT_EQ(args, (std::vector<int>{0, 1}));
  std::string n, s;
  EXPECT_TRUE(RE2::FullMatch("3 upgraded, a b (x)", re, &n, &s));
  EXPECT_EQ(n, "3");
  EXPECT_EQ(s, "a b");
  EXPECT_FALSE(RE2::FullMatch("x upgraded, a (x)", re, &n, &s));
}

TEST(CompileFormat, PositionalArgumentsKeepTheirIndex) {
  std::string re;
  std::vector<int> args;
  compile_format("%2$sB / %1$sB", re, args);
  EXPECT_EQ(args, (std::vector<int>{1, 0}));
}

TEST(FormatTable, ClassicHeaderMapsToItsSet) {
  captures caps;
  const table_row* row = match("The following packages will be REMOVED:", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::header);
  EXPECT_EQ(static_cast<pkg_set>(row->arg), pkg_set::to_remove);
}

TEST(FormatTable, SummaryLineGivesCountsWithOptionalParts) {
  captures caps;
  const table_row* row = match(
      "1 upgraded, 2 newly installed, 3 reinstalled, 4 to remove and 5 not "
      "upgraded.",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::summary);
  EXPECT_EQ(caps.arg(0), "1");
  EXPECT_EQ(caps.arg(1), "2");
  EXPECT_EQ(caps.arg(2), "3");
  EXPECT_TRUE(caps.arg(3).empty());  // no "downgraded" part
  EXPECT_EQ(caps.arg(4), "4");
  EXPECT_EQ(caps.arg(5), "5");
}

TEST(FormatTable, Apt3SummaryLine) {
  captures caps;
  const table_row* row = match(
      "Upgrading: 3, Installing: 1, Downgrading: 2, Removing: 0, Not "
      "Upgrading: 7",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::summary);
  EXPECT_EQ(caps.arg(3), "2");
  EXPECT_EQ(caps.arg(5), "7");
}

TEST(FormatTable, TranslatedRowsComeFromTheCatalogues) {
  captures caps;
  const table_row* row =
      match("Die folgenden Pakete werden aktualisiert (Upgrade):", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->lang, "de");
  EXPECT_EQ(static_cast<pkg_set>(row->arg), pkg_set::upgraded);
  // Russian puts the numbers after the nouns.
  row = match(
      "Обновлено 2 пакетов, установлено 0 новых пакетов, для удаления "
      "отмечено 1 пакетов, и 4 пакетов не обновлено.",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::summary);
  EXPECT_EQ(caps.arg(0), "2");
  EXPECT_EQ(caps.arg(4), "1");
  EXPECT_EQ(caps.arg(5), "4");
}

TEST(FormatTable, EveryLanguageOfTheCataloguesIsLoaded) {
  std::set<std::string> langs;
  for (const table_row& r : format_table::instance().rows()) langs.insert(r.lang);
  EXPECT_GE(langs.size(), 40u);
}

TEST(FormatTable, NoiseAndUnknownLines) {
  captures caps;
  const table_row* row = match("Setting up tzdata (2025b-0) ...", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::noise);
  EXPECT_EQ(match("completely unrelated text", caps), nullptr);
}

TEST(FormatTable, SizeLinesCaptureTheNumbers) {
  captures caps;
  const table_row* row = match("Need to get 9,417 kB/9,762 kB of archives.", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::size_download_partial);
  EXPECT_EQ(caps.arg(0), "9,417 k");
  EXPECT_EQ(caps.arg(1), "9,762 k");
}

}  // namespace
}  // namespace aptparse::detail

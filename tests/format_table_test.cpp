#include "classify/format_table.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

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

// Every summary format of every language, filled with numbers, and every
// digit-led line of the corpus: the indexed lookup gives the row that
// searching every row's literal gives.
TEST(FormatTable, IndexedSummaryLookupAgreesWithTheFullSearch) {
  const format_table& t = format_table::instance();
  std::vector<std::string> lines;
  for (const table_row& row : t.rows()) {
    if (row.literals.empty() || row.numeric.empty() || !row.numeric[0])
      continue;
    std::string line = row.literals[0];
    for (std::size_t i = 0; i < row.numeric.size(); ++i)
      line += (row.numeric[i] ? std::to_string(7 * i + 3) : "x") +
              row.literals[i + 1];
    lines.push_back(line);
  }
  ASSERT_GT(lines.size(), 20u);
  for (const auto& entry :
       std::filesystem::directory_iterator(APTPARSE_CORPUS_DIR "/logs")) {
    if (entry.path().extension() != ".log") continue;
    std::ifstream in(entry.path());
    for (std::string l; std::getline(in, l);)
      if (!l.empty() && l[0] >= '0' && l[0] <= '9') lines.push_back(l);
  }
  std::size_t matched = 0;
  for (const std::string& line : lines) {
    captures a, b;
    const table_row* indexed = t.match(line, a);
    const table_row* searched = t.match_numeric_by_search(line, b);
    if (searched == nullptr) continue;  // not a summary: match() goes on
    ++matched;
    ASSERT_EQ(indexed, searched) << line;
    for (int k = 0; k < max_captures; ++k)
      EXPECT_EQ(a.arg(k), b.arg(k)) << line;
  }
  EXPECT_GT(matched, 20u);
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
  for (const table_row& r : format_table::instance().rows())
    langs.insert(r.lang);
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
  const table_row* row =
      match("Need to get 9,417 kB/9,762 kB of archives.", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::size_download_partial);
  EXPECT_EQ(caps.arg(0), "9,417 k");
  EXPECT_EQ(caps.arg(1), "9,762 k");
}

}  // namespace
}  // namespace aptparse::detail

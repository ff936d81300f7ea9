// White space that copy and paste changed: the lines are real translated
// strings of apt's po/ catalogues, as apt prints them and as web pages and
// editors pass them on.
#include "classify/spaces.h"

#include <gtest/gtest.h>

#include <string>

#include "classify/format_table.h"

namespace aptparse::detail {
namespace {

std::string normal(std::string_view s) {
  std::string out;
  normalise_spaces(s, out);
  return out;
}

TEST(Spaces, EverySpaceRunIsOneSpaceAndTheEndsGo) {
  EXPECT_EQ(normal("Mis \u00e0 jour\u00a0:"), "Mis \u00e0 jour :");
  EXPECT_EQ(normal("a\t \u202f\u2009b  "), "a b");
  EXPECT_EQ(normal("\u00a0x"), "x");
  EXPECT_EQ(normal("Lecture des listes de paquets\u2026"),
            "Lecture des listes de paquets...");
  EXPECT_EQ(normal("\u00ab\u00a0foo\u00a0\u00bb"), "\u00ab foo \u00bb");
}

TEST(Spaces, PlainAsciiLinesNeedNoNormalising) {
  EXPECT_FALSE(
      may_need_spaces_normalised("The following packages will be upgraded:"));
  EXPECT_TRUE(may_need_spaces_normalised("a\tb"));
  EXPECT_TRUE(may_need_spaces_normalised("a  b"));
  EXPECT_TRUE(may_need_spaces_normalised("jour\u00a0:"));
}

const table_row* match(std::string_view line, captures& caps) {
  return format_table::instance().match(line, caps);
}

// apt 3.1's French catalogue puts U+00A0 before ':' ("Mis à jour :").
TEST(Spaces, FrenchHeaderWithOrWithoutNoBreakSpace) {
  captures caps;
  for (const char* line : {"Les paquets suivants seront mis \u00e0 jour\u00a0:",
                           "Les paquets suivants seront mis \u00e0 jour :",
                           "Les paquets suivants seront mis \u00e0 jour\u202f:",
                           "Les paquets suivants seront mis \u00e0 jour\t:",
                           "Les  paquets suivants seront mis \u00e0 jour :"}) {
    const table_row* row = match(line, caps);
    ASSERT_NE(row, nullptr) << line;
    EXPECT_EQ(row->kind, line_kind::header) << line;
    EXPECT_EQ(std::get<list_header>(row->meaning).set, pkg_set::upgraded);
  }
}

TEST(Spaces, FrenchSummaryLineWithSpacesChanged) {
  captures caps;
  const table_row* row = match(
      "3 mis \u00e0 jour, 1 nouvellement install\u00e9s, 0 \u00e0 "
      "enlever et 2 non mis \u00e0 jour.",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::summary);
  row = match(
      "3\u00a0mis \u00e0 jour,  1 nouvellement install\u00e9s,\t0 \u00e0 "
      "enlever et 2 non mis \u00e0 jour.",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::summary);
  EXPECT_EQ(caps.arg(0), "3");
  EXPECT_EQ(caps.arg(1), "1");
  EXPECT_EQ(caps.arg(5), "2");
}

// dpkg's "..." and a pasted "…" are one text.
TEST(Spaces, EllipsisEitherWay) {
  captures caps;
  const table_row* row =
      match("Unpacking libc6:amd64 (2.36-9) over (2.36-8) \u2026", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::dpkg_action);
  EXPECT_EQ(caps.arg(0), "libc6:amd64");
  EXPECT_EQ(caps.arg(2), "2.36-8");
}

}  // namespace
}  // namespace aptparse::detail

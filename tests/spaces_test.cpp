// White space that copy and paste changed, and apt's summary line known
// only by its shape: the lines are real translated strings of apt's po/
// catalogues, as apt prints them and as web pages and editors pass them on.
#include "classify/spaces.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "aptparse/parser.h"
#include "aptparse/report.h"
#include "classify/format_table.h"
#include "classify/summary_shape.h"
#include "support/corpus_files.h"
#include "util/text.h"

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
  EXPECT_TRUE(may_need_spaces_normalised("install\u00e9s\u2026"));
  EXPECT_FALSE(may_need_spaces_normalised("\u201eapt\u201c \u00e0 jour"));
}

// The 16-byte blocks against the byte loops (may_need_spaces_normalised and
// normalise_spaces): every special byte (and bytes that differ from one
// only in a bit) at every place of strings around the block sizes, and
// random strings of them.
TEST(Spaces, BlocksGiveTheByteLoopsAnswer) {
  static constexpr std::string_view kSpecial[] = {" ",
                                                  "  ",
                                                  "\t",
                                                  "\xc2\xa0",
                                                  "\xe2\x80\x89",
                                                  "\xe2\x80\xaf",
                                                  "\xe2\x81\x9f",
                                                  "\xe3\x80\x80",
                                                  "\xe2\x80\xa6",
                                                  "\xe2\x80\x9c",
                                                  "\xc2\xab",
                                                  "\xe3\x81\x82",
                                                  "\xa0",
                                                  "\x89",
                                                  "\xe2",
                                                  "\xc2",
                                                  "\xe2\x80",
                                                  "\xe2\x80\x8b"};
  std::string s;
  std::string got, want;
  const auto check = [&] {
    ASSERT_EQ(may_need_spaces_normalised(s),
              may_need_spaces_normalised_bytewise(s))
        << '"' << s << '"';
    normalise_spaces(s, got);
    normalise_spaces_bytewise(s, want);
    ASSERT_EQ(got, want) << '"' << s << '"';
  };
  for (std::size_t n = 0; n <= 70; ++n)
    for (std::size_t at = 0; at <= n; ++at)
      for (std::string_view special : kSpecial) {
        s.assign(n, 'x');
        s.insert(at, special);
        check();
        if (at + 1 < n) {  // a second space further on
          s[std::min(s.size() - 1, at + special.size() + 1 + n / 3)] = ' ';
          check();
        }
      }
  std::mt19937 rng(15);
  const char fill[] = {'a',    'b',    ' ',    ' ',    '\t',   '\xc2', '\xa0',
                       '\xe2', '\x80', '\x81', '\x8a', '\xa6', '\xaf', '\x9f',
                       '\xe3', '\xa0', '\x89', 'z',    ':',    '.'};
  for (int round = 0; round < 200000; ++round) {
    s.resize(rng() % 90);
    for (char& c : s) c = fill[rng() % 4 == 0 ? rng() % sizeof fill : 0];
    check();
  }
}

TEST(Spaces, BlocksGiveTheByteLoopsAnswerOnCorpusLines) {
  std::size_t needing = 0, lines = 0;
  std::string got, normal;
  for (const std::string& name : testing::corpus_logs()) {
    const std::string text =
        testing::read_file(testing::corpus_dir() / (name + ".log"));
    for (std::string_view line : split_lines(text)) {
      const bool want = may_need_spaces_normalised_bytewise(line);
      ASSERT_EQ(may_need_spaces_normalised(line), want)
          << name << ": \"" << line << '"';
      normalise_spaces(line, got);
      normalise_spaces_bytewise(line, normal);
      ASSERT_EQ(got, normal) << name << ": \"" << line << '"';
      needing += want;
      ++lines;
    }
  }
  EXPECT_GT(needing, 1000u);
  EXPECT_GT(lines, needing);
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

TEST(SummaryShape, FourOrSixNumbersInAptsOrder) {
  captures caps;
  // Ubuntu's en_GB language pack (issue 11).
  ASSERT_TRUE(match_summary_shape(
      "40 to upgrade, 0 to newly install, 0 to remove and 3 not to upgrade.",
      caps));
  EXPECT_EQ(caps.arg(0), "40");
  EXPECT_EQ(caps.arg(1), "0");
  EXPECT_TRUE(caps.arg(2).empty());
  EXPECT_EQ(caps.arg(4), "0");
  EXPECT_EQ(caps.arg(5), "3");
  // Russian (apt's ru.po) puts the numbers after the nouns.
  ASSERT_TRUE(match_summary_shape(
      "Обновлено 2 пакетов, установлено 0 новых пакетов, для удаления "
      "отмечено 1 пакетов, и 4 пакетов не обновлено.",
      caps));
  EXPECT_EQ(caps.arg(4), "1");
  ASSERT_TRUE(match_summary_shape("1 a, 2 b, 3 c, 4 d, 5 e and 6 f.", caps));
  EXPECT_EQ(caps.arg(2), "3");
  EXPECT_EQ(caps.arg(3), "4");
  // Five numbers: the fifth could be reinstalled or downgraded.
  EXPECT_FALSE(match_summary_shape("1 a, 2 b, 3 c, 4 d and 5 e.", caps));
  EXPECT_FALSE(match_summary_shape("Fetched 1,234 kB in 2s (5 kB/s).", caps));
  EXPECT_FALSE(match_summary_shape("1 a, 2 b, 3 c and 4 d", caps));
  EXPECT_FALSE(match_summary_shape("1 a 2 b 3 c and 4 d.", caps));
}

// The digit-run count that turns most lines away, against the byte loop:
// random strings of digits and other bytes (also those a byte compare
// could take for digits: '/', ':', 0xb0-0xb9) of every length to 90, and
// every corpus line.
TEST(SummaryShape, DigitRunsInBlocksAreTheByteLoops) {
  std::mt19937 rng(11);
  const char fill[] = {'1', '0', '9', 'a', ' ', '/', ':', '\xb0', '\xb9', '.'};
  std::string s;
  for (int round = 0; round < 100000; ++round) {
    s.resize(rng() % 91);
    for (char& c : s) c = fill[rng() % (round % 2 ? 3 : sizeof fill)];
    ASSERT_EQ(digit_runs(s), digit_runs_bytewise(s)) << '"' << s << '"';
  }
  std::size_t lines = 0;
  for (const std::string& name : testing::corpus_logs()) {
    const std::string text =
        testing::read_file(testing::corpus_dir() / (name + ".log"));
    for (std::string_view line : split_lines(text)) {
      ASSERT_EQ(digit_runs(line), digit_runs_bytewise(line)) << line;
      ++lines;
    }
  }
  EXPECT_GT(lines, 10000u);
  EXPECT_EQ(digit_runs_bytewise("12 ab 3, 45. 6789"), 4u);
}

TEST(SummaryShape, KnownRowsWin) {
  captures caps;
  const table_row* row = match(
      "13 \u00eennoit(e), 4 nou instalat(e), 0 de eliminat \u0219i 4 "
      "neactualizat(e).",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->lang, "ro");
  EXPECT_FALSE(std::get<summary_counts>(row->meaning).by_structure);
  // aptitude's summary line (not apt's, in no table) has apt's shape.
  row = match(
      "0 packages upgraded, 1 newly installed, 0 to remove and 0 not "
      "upgraded.",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_TRUE(std::get<summary_counts>(row->meaning).by_structure);
}

// End to end: after a plan, a summary line in a wording no table has
// (here aptitude's) gives the counts, with a diagnostic saying so; the same
// line where apt prints no summary stays unrecognised.
TEST(SummaryShape, GivesTheCountsAfterAPlanWithADiagnostic) {
  constexpr std::string_view kLog =
      "0 packages upgraded, 1 newly installed, 0 to remove and 0 not "
      "upgraded.\n"
      "Reading package lists... Done\n"
      "The following NEW packages will be installed:\n"
      "  pkg-config\n"
      "0 packages upgraded, 1 newly installed, 0 to remove and 3 not "
      "upgraded.\n"
      "Need to get 48.2 kB of archives.\n";
  const report r = parse(kLog);
  ASSERT_EQ(r.transactions.size(), 1u);
  const transaction& t = r.transactions[0];
  ASSERT_TRUE(t.counts.has_value());
  EXPECT_EQ(t.counts->newly_installed, 1u);
  EXPECT_EQ(t.counts->not_upgraded, 3u);
  ASSERT_EQ(t.diagnostics.size(), 1u);
  EXPECT_EQ(t.diagnostics[0].code, errc::unknown_translation);
  EXPECT_EQ(t.diagnostics[0].where.line, 5u);
  EXPECT_EQ(t.consistency.verdict, consistency_verdict::consistent);
  EXPECT_EQ(r.unrecognized_count + t.unrecognized_count, 1u);
}

}  // namespace
}  // namespace aptparse::detail

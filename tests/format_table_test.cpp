#include "classify/format_table.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "aptparse/events.h"
#include "classify/printf_format.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

const table_row* match(std::string_view line, captures& caps) {
  return format_table::instance().match(line, caps);
}

TEST(PrintfFormat, NumbersAndStringsBecomeCaptures) {
  const printf_format f = printf_format::parse("%lu upgraded, %s (x)");
  ASSERT_EQ(f.conversions.size(), 2u);
  EXPECT_TRUE(f.conversions[0].numeric);
  EXPECT_FALSE(f.conversions[1].numeric);
  EXPECT_EQ(f.conversions[1].arg, 1);
  const std::string re = f.regex();
  std::string n, s;
  EXPECT_TRUE(RE2::FullMatch("3 upgraded, a b (x)", re, &n, &s));
  EXPECT_EQ(n, "3");
  EXPECT_EQ(s, "a b");
  EXPECT_FALSE(RE2::FullMatch("x upgraded, a (x)", re, &n, &s));
}

TEST(PrintfFormat, PositionalArgumentsKeepTheirIndex) {
  const printf_format f = printf_format::parse("%2$sB / %1$sB");
  ASSERT_EQ(f.conversions.size(), 2u);
  EXPECT_EQ(f.conversions[0].arg, 1);
  EXPECT_EQ(f.conversions[1].arg, 0);
  EXPECT_EQ(f.literals, (std::vector<std::string>{"", "B / ", "B"}));
}

TEST(FormatTable, ClassicHeaderMapsToItsSet) {
  captures caps;
  const table_row* row = match("The following packages will be REMOVED:", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::header);
  EXPECT_EQ(std::get<list_header>(row->meaning).set, pkg_set::to_remove);
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
    std::string line(row.literals[0]);
    for (std::size_t i = 0; i < row.numeric.size(); ++i) {
      line += row.numeric[i] ? std::to_string(7 * i + 3) : "x";
      line += row.literals[i + 1];
    }
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

// Every line of the corpus logs that is not blank, trimmed.
void add_corpus_lines(std::vector<std::string>& lines) {
  for (const auto& entry :
       std::filesystem::directory_iterator(APTPARSE_CORPUS_DIR "/logs")) {
    if (entry.path().extension() != ".log") continue;
    std::ifstream in(entry.path());
    for (std::string l; std::getline(in, l);)
      if (!trim(l).empty()) lines.push_back(std::string(trim(l)));
  }
}

// match() with a hint gives what it gives without one, whatever the hint:
// on every corpus line and every row's literal (alone, trimmed, followed by
// text), hinted with the row the line before matched, with the line's own
// row, and with every row whose literal starts with the line's first four
// bytes (the rows a shortcut could wrongly prefer).
TEST(FormatTable, AHintNeverChangesTheMatch) {
  const format_table& t = format_table::instance();
  std::map<std::string, std::vector<const table_row*>> by_head;
  std::vector<std::string> lines;
  for (const table_row& row : t.rows()) {
    if (row.literal.size() < 4) continue;
    by_head[std::string(row.literal.substr(0, 4))].push_back(&row);
    lines.emplace_back(row.literal);
    lines.emplace_back(trim(row.literal));
    lines.push_back(std::string(row.literal) + "x 1.0 (y)");
  }
  add_corpus_lines(lines);
  const table_row* previous = nullptr;
  std::size_t hinted = 0;
  for (const std::string& line : lines) {
    captures a;
    const table_row* want = t.match(line, a);
    std::vector<const table_row*> hints = {previous, want};
    if (auto it = by_head.find(line.substr(0, 4)); it != by_head.end())
      hints.insert(hints.end(), it->second.begin(), it->second.end());
    for (const table_row* hint : hints) {
      captures b;
      ASSERT_EQ(t.match(line, b, hint), want) << line;
      for (int k = 0; k < max_captures; ++k)
        ASSERT_EQ(b.arg(k), a.arg(k)) << line;
      hinted += hint != nullptr;
    }
    previous = want;
  }
  EXPECT_GT(hinted, 100000u);
}

// The hint a caller keeps per first byte (match(line, caps, hint&)) takes a
// line by its row's literal alone only where match() without a hint gives
// that row: on every corpus line, and on every row's literal cut at every
// length, with one byte changed at every place, and followed by random
// text; hinted as a caller carries it (the last line of the same first
// byte), with the hint of the line's own row, and with that of every row
// whose literal shares the line's first four bytes.
TEST(FormatTable, ARowsHintTakesOnlyTheLinesItsRowMatches) {
  const format_table& t = format_table::instance();
  std::map<std::string, std::vector<const table_row*>> by_head;
  std::vector<std::string> lines;
  std::mt19937 rng(12);
  const std::string_view alphabet = "ab1 :.-()[]%\t\xc3";
  const auto noise = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (const table_row& row : t.rows()) {
    const std::string lit(row.literal);
    if (lit.size() < 4) continue;
    by_head[lit.substr(0, 4)].push_back(&row);
    if (rng() % 4 != 0) continue;  // a quarter of the rows' variants
    for (std::size_t k = 1; k <= lit.size(); ++k) {
      lines.push_back(lit.substr(0, k));
      lines.push_back(lit.substr(0, k) + noise(rng() % 40));
      std::string changed = lit + noise(rng() % 30);
      changed[k - 1] = alphabet[rng() % alphabet.size()];
      lines.push_back(changed);
    }
  }
  add_corpus_lines(lines);
  std::array<format_table::hint, 256> carried{};
  std::size_t taken = 0;
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    captures a;
    const table_row* want = t.match(line, a);
    std::vector<format_table::hint> hints = {
        carried[static_cast<unsigned char>(line[0])]};
    if (want != nullptr) hints.push_back(t.hint_for(*want));
    if (auto it = by_head.find(line.substr(0, 4)); it != by_head.end())
      for (const table_row* row : it->second) hints.push_back(t.hint_for(*row));
    for (std::size_t k = 0; k < hints.size(); ++k) {
      format_table::hint h = hints[k];
      const table_row* before = h.row;
      captures b;
      ASSERT_EQ(t.match(line, b, h), want) << line;
      for (int c = 0; c < max_captures; ++c)
        ASSERT_EQ(b.arg(c), a.arg(c)) << line;
      ASSERT_EQ(h.row, want != nullptr ? want : before) << line;
      taken += want != nullptr && want == before;
      if (k == 0) carried[static_cast<unsigned char>(line[0])] = h;
    }
  }
  EXPECT_GT(taken, 10000u);
}

// Open-ended rows (a dpkg prefix whose literal is too short to dispatch on,
// "%s (%s) wird eingerichtet ...") are matched without RE2: on every corpus
// line holding the row's longest literal, and on the row filled in and
// followed by more text, the fast match agrees with the row's RE2 pattern
// (printf_format::regex() + ".*"), captures included.
TEST(FormatTable, OpenEndedRowsMatchAsTheirRegexDoes) {
  const format_table& t = format_table::instance();
  std::vector<std::string> corpus;
  for (const auto& entry :
       std::filesystem::directory_iterator(APTPARSE_CORPUS_DIR "/logs")) {
    if (entry.path().extension() != ".log") continue;
    std::ifstream in(entry.path());
    for (std::string l; std::getline(in, l);) corpus.push_back(l);
  }
  std::size_t rows = 0, compared = 0, matched = 0;
  for (const table_row& row : t.rows()) {
    if (!row.open_end) continue;
    ++rows;
    const printf_format f = printf_format::parse(row.text);
    re2::RE2::Options opt;
    opt.set_dot_nl(true);
    const re2::RE2 re(f.regex() + ".*", opt);
    ASSERT_TRUE(re.ok()) << row.text;
    std::string filled(row.literals[0]);
    for (std::size_t i = 0; i + 1 < row.literals.size(); ++i) {
      filled += "a (b)";
      filled += row.literals[i + 1];
    }
    std::vector<std::string> lines = {filled, filled + " and more"};
    for (const std::string& l : corpus)
      if (l.find(row.required) != std::string::npos) lines.push_back(l);
    for (const std::string& line : lines) {
      const int n = static_cast<int>(row.arg_of_group.size());
      std::vector<re2::StringPiece> pieces(n);
      std::vector<re2::RE2::Arg> args(n);
      std::vector<const re2::RE2::Arg*> argp(n);
      for (int i = 0; i < n; ++i) {
        args[i] = re2::RE2::Arg(&pieces[i]);
        argp[i] = &args[i];
      }
      captures caps;
      const bool fast = t.row_matches(row, line, caps);
      ASSERT_EQ(fast, re2::RE2::FullMatchN(line, re, argp.data(), n))
          << row.text << " | " << line;
      ++compared;
      if (!fast) continue;
      ++matched;
      for (int i = 0; i < n; ++i)
        EXPECT_EQ(caps.arg(row.arg_of_group[i]),
                  std::string_view(pieces[i].data(), pieces[i].size()))
            << line;
    }
  }
  EXPECT_GT(rows, 10u);
  EXPECT_GT(matched, rows);
  EXPECT_GT(compared, matched);
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
  EXPECT_EQ(std::get<list_header>(row->meaning).set, pkg_set::upgraded);
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

// Every release's catalogue: Romanian's summary line of apt 2.6 and of
// apt 3.0 are both known (one used to overwrite the other), and apt 2.6's
// Norwegian Nynorsk catalogue, which is ISO-8859-1, is decoded as such.
TEST(FormatTable, EveryReleasesWordingIsKept) {
  captures caps;
  for (const char* line :
       {"13 \u00eennoite, 4 nou instalate, 0 de \u0219ters \u0219i 4 "
        "ne\u00eennoite.",
        "13 \u00eennoit(e), 4 nou instalat(e), 0 de eliminat \u0219i 4 "
        "neactualizat(e)."}) {
    const table_row* row = match(line, caps);
    ASSERT_NE(row, nullptr) << line;
    EXPECT_EQ(row->kind, line_kind::summary) << line;
    EXPECT_EQ(row->lang, "ro");
    EXPECT_EQ(caps.arg(0), "13");
    EXPECT_EQ(caps.arg(5), "4");
  }
  const table_row* row =
      match("Dei f\u00f8lgjande NYE pakkane vil verta installerte:", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->lang, "nn");
  EXPECT_EQ(std::get<list_header>(row->meaning).set, pkg_set::newly_installed);
  // German of apt 0.6/0.7, before today's wording.
  row = match("Die folgenden Pakete werden aktualisiert:", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->lang, "de");
  EXPECT_EQ(std::get<list_header>(row->meaning).set, pkg_set::upgraded);
}

// Msgids apt retired (the autoremove hint before 1.1, "After unpacking"
// before 0.7.21) are translated too: lines of corpus/wild's Hungarian,
// Spanish and Swedish logs.
TEST(FormatTable, RetiredMsgidsAreTranslated) {
  captures caps;
  const table_row* row =
      match("T\u00f6r\u00f6ld az 'apt-get autoremove' paranccsal!", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->lang, "hu");
  EXPECT_EQ(row->kind, line_kind::noise);
  row = match(
      "Se utilizar\u00e1n 1130kB de espacio de disco adicional despu\u00e9s "
      "de desempaquetar.",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->lang, "es");
  EXPECT_EQ(row->kind, line_kind::size_disk_used);
  EXPECT_EQ(caps.arg(0), "1130k");
  row = match(
      "Efter uppackning kommer 61,9MB ytterligare diskutrymme anv\u00e4ndas.",
      caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::size_disk_used);
  EXPECT_EQ(caps.arg(0), "61,9M");
}

// dpkg prints its name outside the msgids of its error lines
// (dpkg_prefixed.tsv): translated lines of corpus/wild's logs, from dpkg
// 1.15/1.16 ("%s: error processing %s"), 1.17 and 1.18+ ("error processing
// package %s"), and "dpkg: error: ", are errors as the English lines are.
TEST(FormatTable, TranslatedDpkgErrorsAreMessages) {
  captures caps;
  for (const char* line : {
           "dpkg: error al procesar el paquete keyboard-configuration "
           "(--configure):",
           "dpkg: error al procesar "
           "/var/cache/apt/archives/libcups2_1.5.0-8ubuntu3_amd64.deb "
           "(--unpack):",
           "dpkg: Feil ved behandling av g15daemon (--configure):",
           "dpkg: Fehler beim Bearbeiten von "
           "/var/cache/apt/archives/"
           "mysql-client-5.1_5.1.51-0.dotdeb.1_i386.deb (--unpack):",
           "dpkg: erreur de traitement du paquet nvidia-340 (--configure)*:",
           "dpkg: errore nell'elaborare python3.3-minimal (--configure):",
           "dpkg: erro ao processar hal (--configure):",
           "dpkg: fel vid hantering av arkivet "
           "/var/cache/apt/archives/libvdpau1_1.1.1-3~gd~t_amd64.deb "
           "(--unpack):",
           "dpkg: erreur: mauvaise syntaxe de la version \u00ab*-*\u00bb: "
           "revision number is empty",
       }) {
    const table_row* row = match(line, caps);
    ASSERT_NE(row, nullptr) << line;
    EXPECT_EQ(row->kind, line_kind::message) << line;
    EXPECT_EQ(std::get<message_text>(row->meaning).level, message_level::error)
        << line;
    EXPECT_FALSE(row->lang.empty()) << line;
  }
  // dpkg's name alone is no error: a line that only shares it is not one.
  const table_row* row =
      match("dpkg: dependency problems prevent configuration of gcc:", caps);
  EXPECT_TRUE(row == nullptr || row->kind != line_kind::message);
}

// apt 3.1's translated Summary: block (Spanish).
TEST(FormatTable, Apt31SummaryBlockInSpanish) {
  captures caps;
  const table_row* row = match("Resumen:", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->lang, "es");
  row = match(
      "Actualizando: 3, Instalando 1, Eliminando: 0, no actualizando: 2", caps);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, line_kind::summary);
  EXPECT_EQ(caps.arg(0), "3");
  EXPECT_EQ(caps.arg(1), "1");
  EXPECT_EQ(caps.arg(5), "2");
}

TEST(FormatTable, EveryLanguageOfTheCataloguesIsLoaded) {
  std::set<std::string> langs;
  for (const table_row& r : format_table::instance().rows())
    langs.emplace(r.lang);
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

// Output quoted inside a document: unit tests of the prefix stage and of
// the transcript lines around it, and every corpus log indented or quoted
// the way documents do must give the transactions of the clean log.
#include "lines/quote_prefix.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "aptparse/aptparse.h"
#include "classify/anchor_line.h"
#include "lines/transcript_noise.h"
#include "support/corpus_files.h"
#include "support/rewritten_logs.h"

namespace aptparse {
namespace {

using detail::is_transcript_noise;
using detail::quote_prefix;
using testing::content;
using testing::quoted;

quote_prefix make() {
  return quote_prefix(detail::printed_at_column_zero, detail::is_known_line);
}

// One line read as the parser reads it: an indented line that the tables
// say apt prints at column 0 adopts its indent.
quote_prefix::result read(quote_prefix& q, std::string_view line,
                          bool apt_indents) {
  quote_prefix::result r = q.strip(line, apt_indents);
  if (r.indent != 0) {
    const std::string_view rest = line.substr(r.indent);
    EXPECT_EQ(r.text, line);
    if (detail::printed_at_column_zero(rest)) {
      q.adopt_indent(line, r.indent);
      return {rest, line_prefix::indent, true, r.dropped};
    }
  }
  return r;
}

TEST(QuotePrefix, IndentIsAdoptedAtTheTranslatedPreamble) {
  quote_prefix q = make();
  const auto r = read(q, "\tPaketlisten werden gelesen… Fertig", false);
  EXPECT_EQ(r.text, "Paketlisten werden gelesen… Fertig");
  EXPECT_EQ(r.kind, line_prefix::indent);
  EXPECT_TRUE(r.adopted);
  const auto item = read(q, "\t  libc6 tzdata", true);
  EXPECT_EQ(item.text, "  libc6 tzdata");
  EXPECT_EQ(item.kind, line_prefix::indent);
  EXPECT_FALSE(item.adopted);
}

TEST(QuotePrefix, QuoteMarkersAndTheirIndentFormOnePrefix) {
  for (std::string_view prefix : {"> ", ">", "#> ", "    > ", "| ", "> > "}) {
    quote_prefix q = make();
    const std::string header =
        fmt::format("{}The following NEW packages will be installed:", prefix);
    const auto r = read(q, header, false);
    EXPECT_EQ(r.text, "The following NEW packages will be installed:")
        << prefix;
    EXPECT_EQ(r.kind, line_prefix::quote) << prefix;
    EXPECT_EQ(read(q, fmt::format("{}  figlet", prefix), true).text,
              "  figlet");
  }
}

TEST(QuotePrefix, SummaryAndSimulateLinesAdoptToo) {
  for (std::string_view line :
       {"    0 upgraded, 1 newly installed, 0 to remove and 21 not upgraded.",
        "  Inst libc6 [2.36-9] (2.36-9+deb12u4 Debian:12.5/stable [amd64])",
        "> Unpacking figlet (2.2.5-2) ..."}) {
    quote_prefix q = make();
    EXPECT_TRUE(read(q, line, false).adopted) << line;
  }
}

TEST(QuotePrefix, BlankLinesAndABareMarkerCarryThePrefix) {
  quote_prefix q = make();
  ASSERT_TRUE(read(q, "> Reading package lists... Done", false).adopted);
  for (std::string_view blank : {">", "", ">   ", " "}) {
    const auto r = read(q, blank, false);
    EXPECT_EQ(r.text.find_first_not_of(' '), std::string_view::npos) << blank;
    EXPECT_EQ(r.kind, line_prefix::quote) << blank;
    EXPECT_FALSE(r.dropped) << blank;
  }
  EXPECT_EQ(read(q, "> Building dependency tree", false).text,
            "Building dependency tree");
}

TEST(QuotePrefix, ALineWithoutThePrefixDropsItAndIsReadAsItIs) {
  quote_prefix q = make();
  ASSERT_TRUE(read(q, "    Reading package lists...", false).adopted);
  const auto r = read(q, "Get:1 http://deb.debian.org/debian bookworm", false);
  EXPECT_TRUE(r.dropped);
  EXPECT_EQ(r.kind, line_prefix::none);
  EXPECT_EQ(r.text, "Get:1 http://deb.debian.org/debian bookworm");
  // Dropped: an indented line is no longer stripped.
  EXPECT_EQ(read(q, "    Get:2 http://x", false).text, "    Get:2 http://x");
}

TEST(QuotePrefix, AnotherPrefixCanFollowAtTheNextAnchor) {
  quote_prefix q = make();
  ASSERT_TRUE(read(q, "> Reading package lists...", false).adopted);
  const auto r = read(q, "    Reading package lists...", false);
  EXPECT_TRUE(r.dropped);
  EXPECT_TRUE(r.adopted);
  EXPECT_EQ(r.kind, line_prefix::indent);
}

TEST(QuotePrefix, LinesAptIndentsItselfAdoptNothing) {
  // apt 3's summary block and sizes, list items, continuations, text that
  // no table knows, and a prefix longer than any document's.
  for (std::string_view line :
       {"  Upgrading: 1, Installing: 0, Removing: 0, Not Upgrading: 0",
        "  Download size: 304 kB", "  Space needed: 0 B / 73.1 GB available",
        "  libc6 tzdata", "> hello", "    Get:1 http://deb.debian.org x",
        "  Freed space: 1024 kB"}) {
    quote_prefix q = make();
    const auto r = read(q, line, false);
    EXPECT_FALSE(r.adopted) << line;
    EXPECT_EQ(r.text, line);
    EXPECT_EQ(r.kind, line_prefix::none);
  }
  quote_prefix q = make();
  const std::string deep =
      std::string(quote_prefix::kMaxPrefix + 1, ' ') + "Reading package lists";
  EXPECT_FALSE(read(q, deep, false).adopted);
}

TEST(QuotePrefix, InsideAListOrMessageIndentIsApts) {
  quote_prefix q = make();
  EXPECT_FALSE(read(q, "  Reading package lists...", true).adopted);
  // A quote marker is never apt's, so it is still found there.
  EXPECT_TRUE(read(q, "> Reading package lists...", true).adopted);
}

TEST(QuotePrefix, AFlushUnknownLineInsideAListStaysAnItem) {
  // A tab replaced apt's two-space indent: the item keeps the tab.
  quote_prefix q = make();
  ASSERT_TRUE(read(q, "\tInstalling dependencies:", false).adopted);
  EXPECT_EQ(read(q, "\tbash-completion  libbrotli1", true).text,
            "\tbash-completion  libbrotli1");
  // A known line is read as itself, and outside a list nothing is kept.
  EXPECT_EQ(read(q, "\tSuggested packages:", true).text, "Suggested packages:");
  EXPECT_EQ(read(q, "\tfoo", false).text, "foo");
}

TEST(QuotePrefix, AQuotedKnownLineBeforeTheAnchorLosesOnlyItsMarker) {
  quote_prefix q = make();
  const auto r = read(q, "> E: Unable to locate package foo", false);
  EXPECT_EQ(r.text, "E: Unable to locate package foo");
  EXPECT_FALSE(r.adopted);
  EXPECT_EQ(read(q, ">   libc6", false).text, ">   libc6");
}

TEST(QuotePrefix, QuotedPromptsAreTranscript) {
  quote_prefix q = make();
  const auto r = read(q, "> $ sudo apt install curl git", false);
  EXPECT_TRUE(r.transcript);
  EXPECT_FALSE(r.adopted);
  EXPECT_EQ(r.text, "$ sudo apt install curl git");
}

TEST(TranscriptNoise, FencesAndPromptsAreNoise) {
  for (std::string_view line :
       {"```", "```console", "~~~", "$ sudo apt upgrade", "$",
        "# apt-get -y install x", "user@host:~$ sudo apt install nbd-server",
        "root@ebb0c2a6b3d8:/# apt-get install figlet",
        "pi@raspberrypi:~ $ sudo apt upgrade", "[root@host /]# apt upgrade",
        "u@h:~$"}) {
    EXPECT_TRUE(is_transcript_noise(line)) << line;
  }
}

TEST(TranscriptNoise, AptsAndOtherTextIsNot) {
  for (std::string_view line :
       {"libc6 is already the newest version (2.36-9).",
        "update-alternatives: using /usr/bin/figlet-figlet", "dpkg: warning: x",
        "user@example.com wrote:", "$HOME is unset", "#7 12.3 x", "[1/3] x",
        "a@b", "a@b:c", "~/bin", "Reading package lists...", ""}) {
    EXPECT_FALSE(is_transcript_noise(line)) << line;
  }
}

TEST(QuotePrefix, QuotedBlankLinesLoseTrailingBlanks) {
  EXPECT_EQ(quoted("a\n\nb\r\nc\rd", "> "), "> a\n>\n> b\r\n> c\r> d");
}

class QuotedCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(QuotedCorpus, QuotedLogGivesTheTransactionsOfTheCleanLog) {
  const std::string log =
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log"));
  const report clean = parse(log);
  for (const auto& [prefix, kind] : {std::pair{"    ", line_prefix::indent},
                                     std::pair{"  ", line_prefix::indent},
                                     std::pair{"\t", line_prefix::indent},
                                     std::pair{"> ", line_prefix::quote},
                                     std::pair{"#> ", line_prefix::quote},
                                     std::pair{"    > ", line_prefix::quote}}) {
    const report r = parse(quoted(log, prefix));
    ASSERT_EQ(r.transactions.size(), clean.transactions.size()) << prefix;
    for (std::size_t i = 0; i < r.transactions.size(); ++i) {
      EXPECT_EQ(content(r.transactions[i]), content(clean.transactions[i]))
          << "prefix '" << prefix << "' transaction " << i;
      EXPECT_EQ(r.transactions[i].span.prefix, kind) << prefix;
      EXPECT_EQ(clean.transactions[i].span.prefix, line_prefix::none);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, QuotedCorpus,
                         ::testing::ValuesIn(testing::corpus_logs()),
                         testing::corpus_param_name{});

}  // namespace
}  // namespace aptparse

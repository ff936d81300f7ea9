// The machine on its own: logical lines in, events out (no line splitting,
// escape stripping or CI prefix detection in front of it).
#include "machine/section_machine.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/event_trace.h"

namespace aptparse::detail {
namespace {

using testing::event_trace;

class machine_feed {
 public:
  explicit machine_feed(const options& opts = {}) : machine_(trace, opts) {}

  // Passes `text` as the next line; returns the machine for chaining.
  machine_feed& line(std::string_view text, std::uint64_t dropped = 0,
                     line_prefix prefix = line_prefix::none,
                     bool ci_status = false) {
    const position where{++line_no_, offset_};
    offset_ += text.size() + dropped + 1;
    machine_.line(logical_line{.text = text,
                               .where = where,
                               .end_offset = offset_ - 1,
                               .dropped = dropped,
                               .prefix = prefix,
                               .ci_status = ci_status});
    return *this;
  }
  section_machine& machine() { return machine_; }

  event_trace trace;

 private:
  section_machine machine_;
  std::uint64_t line_no_ = 0;
  std::uint64_t offset_ = 0;
};

bool has(const std::string& trace, std::string_view event) {
  return trace.find(event) != std::string::npos;
}

TEST(SectionMachine, AListHeaderItsItemsAndTheSummaryMakeATransaction) {
  machine_feed m;
  m.line("Reading package lists...")
      .line("The following packages will be upgraded:")
      .line("  libc6 tzdata")
      .line("2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
  m.machine().finish();
  EXPECT_EQ(m.trace.text,
            "begin 1:0 \n"
            "section 2:25 upgraded \n"
            "package 3:66 upgraded name=libc6 arch= q=false old= new= "
            "origins= note= reason= flags=0\n"
            "package 3:66 upgraded name=tzdata arch= q=false old= new= "
            "origins= note= reason= flags=0\n"
            "counts 4:81 2 0 0 0 0 0 0\n"
            "end 1:0 .. 4:81 end_offset=143 complete=true prefix=\n");
  EXPECT_EQ(m.machine().stats().lines, 4u);
  EXPECT_EQ(m.machine().stats().packages, 2u);
  EXPECT_EQ(m.machine().stats().transactions, 1u);
}

TEST(SectionMachine, AnUnindentedLineEndsTheListAndIsReportedInIt) {
  machine_feed m;
  m.line("The following packages will be upgraded:")
      .line("  a")
      .line("something else");
  m.machine().finish();
  EXPECT_TRUE(has(m.trace.text, "diagnostic 3:45 unknown_line_in_list"));
  EXPECT_TRUE(has(m.trace.text, "unrecognized 3:45 something else"));
  // Outside a list an unknown line is not a diagnostic.
  machine_feed outside;
  outside.line("something else");
  EXPECT_EQ(outside.trace.text, "unrecognized 1:0 something else\n");
}

TEST(SectionMachine, ACiSystemsOwnLineIsNoiseAndLeavesTheListOpen) {
  machine_feed m;
  m.line("The following packages will be upgraded:")
      .line("  a")
      .line("##[group]Run apt-get", 0, line_prefix::github_actions, true)
      .line("  b", 0, line_prefix::github_actions);
  m.machine().finish();
  EXPECT_TRUE(has(m.trace.text, "name=b"));
  EXPECT_FALSE(has(m.trace.text, "unrecognized"));
  EXPECT_EQ(m.machine().stats().noise_lines, 1u);
}

TEST(SectionMachine, TheTransactionTakesTheFirstCiPrefixItSees) {
  struct span_sink : event_sink {
    void on_transaction_end(const transaction_span& s) override {
      spans.push_back(s);
    }
    std::vector<transaction_span> spans;
  } sink;
  section_machine machine(sink, {});
  machine.line(logical_line{.text = "Reading package lists...",
                            .where = {1, 0},
                            .prefix = line_prefix::buildkit});
  machine.line(logical_line{.text = "E: Unable to locate package x",
                            .where = {2, 40},
                            .prefix = line_prefix::buildkit});
  machine.finish();
  ASSERT_EQ(sink.spans.size(), 1u);
  EXPECT_EQ(sink.spans[0].prefix, line_prefix::buildkit);
}

TEST(SectionMachine, ACutLineIsDiagnosedAndItsFirstBytesParsed) {
  machine_feed m;
  m.line("The following packages will be upgraded:").line("  a b c", 900);
  m.machine().finish();
  EXPECT_TRUE(has(m.trace.text, "diagnostic 2:41 line_too_long dropped=900"));
  EXPECT_TRUE(has(m.trace.text, "name=c"));
  EXPECT_TRUE(m.machine().failure().ok());
}

TEST(SectionMachine, StrictModeFailsAtTheFirstDiagnosticAndSkipsTheCutLine) {
  options opts;
  opts.strict = true;
  machine_feed m(opts);
  m.line("The following packages will be upgraded:").line("  a b c", 900);
  EXPECT_EQ(m.machine().failure().code, errc::strict_violation);
  EXPECT_EQ(m.machine().failure().where.line, 2u);
  EXPECT_FALSE(has(m.trace.text, "package"));
}

TEST(SectionMachine, KeptBackPackagesHeldByAptMarkAreHeld) {
  machine_feed m;
  m.line("tzdata set on hold.")
      .line("libc6 set on hold.")
      .line("Canceled hold on libc6.")
      .line("The following packages have been kept back:")
      .line("  libc6 tzdata");
  m.machine().finish();
  EXPECT_TRUE(has(m.trace.text,
                  "name=tzdata arch= q=false old= new= "
                  "origins= note= reason=held"));
  EXPECT_TRUE(has(m.trace.text,
                  "name=libc6 arch= q=false old= new= "
                  "origins= note= reason=kept_back"));
}

TEST(SectionMachine, SimulateLinesTellTheNativeArchOnceBeforeItsPackage) {
  machine_feed m;
  m.line("Inst b:i386 (2 Debian:12/stable [i386])")     // foreign
      .line("Inst c (1 Debian:12/stable [all])")        // no arch's own
      .line("Inst a [1] (2 Debian:12/stable [amd64])")  // native
      .line("Inst d (1 Debian:12/stable [amd64])")      // told already
      .line("Remv e [3]");                              // shows no arch
  m.machine().finish();
  const std::string& t = m.trace.text;
  const std::size_t told = t.find("native_arch");
  ASSERT_NE(told, std::string::npos) << t;
  EXPECT_EQ(t.find("native_arch", told + 1), std::string::npos) << t;
  EXPECT_TRUE(has(t, "native_arch 3:74 amd64\npackage 3:74 upgraded name=a"))
      << t;
}

// A header in a wording no table knows, with package names under it: its
// lines stay unrecognised (no set is guessed) and one unknown_translation
// at the header says a list was there; the next unindented line is read as
// usual.
TEST(SectionMachine, AnUnknownHeaderOverPackageNamesIsAnUnknownTranslation) {
  machine_feed m;
  m.line("Reading package lists...")
      .line("Die folgenden Zauberpakete werden gezaubert:")
      .line("  libfoo bar:i386 (1 => 2) baz")
      .line("  qux")
      .line("2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
  m.machine().finish();
  const std::string& t = m.trace.text;
  EXPECT_TRUE(has(t, "diagnostic 2:25 unknown_translation")) << t;
  EXPECT_TRUE(has(t, "unrecognized 2:25 Die folgenden")) << t;
  EXPECT_TRUE(has(t, "unrecognized 3:70 libfoo bar:i386 (1 => 2) baz")) << t;
  EXPECT_TRUE(has(t, "unrecognized 4:101 qux")) << t;
  EXPECT_FALSE(has(t, "package ")) << t;
  EXPECT_TRUE(has(t, "counts 5:107 2 0 0 0 0 0 0")) << t;
  EXPECT_EQ(m.machine().stats().unrecognized_lines, 3u);
}

TEST(SectionMachine, AColonLineOverTextThatIsNoPackageNamesIsNoHeader) {
  machine_feed m;
  m.line("Note, selecting these:").line("  Some Words That Are Not Names");
  m.machine().finish();
  EXPECT_FALSE(has(m.trace.text, "unknown_translation")) << m.trace.text;
  machine_feed unindented;
  unindented.line("Unknown header:").line("libfoo bar");
  unindented.machine().finish();
  EXPECT_FALSE(has(unindented.trace.text, "unknown_translation"))
      << unindented.trace.text;
}

TEST(SectionMachine, AnAptMessageIsContinuedByItsIndentedLines) {
  machine_feed m;
  m.line("E: Unable to correct problems, you have held broken packages.")
      .line("   and more")
      .line("");
  m.machine().finish();
  EXPECT_TRUE(has(m.trace.text, "message+ 2:62 and more"));
}

TEST(SectionMachine, ResetForgetsTheOpenTransactionAndTheHolds) {
  machine_feed m;
  m.line("tzdata set on hold.")
      .line("The following packages will be upgraded:");
  m.machine().reset();
  m.trace.text.clear();
  m.line("The following packages have been kept back:").line("  tzdata");
  m.machine().finish();
  EXPECT_TRUE(has(m.trace.text, "reason=kept_back"));
  EXPECT_EQ(m.machine().stats().lines, 2u);
}

}  // namespace
}  // namespace aptparse::detail

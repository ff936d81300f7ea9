// apt output inside an Ansible result's JSON: unit tests of the decoding and
// of which lines are read, and every corpus log wrapped the ways ansible
// prints a result must give the transactions of the clean log.
#include "lines/json_result.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "aptparse/aptparse.h"
#include "lines/line_start.h"
#include "support/corpus_files.h"
#include "support/rewritten_logs.h"

namespace aptparse {
namespace {

using detail::decode_json_string;
using detail::json_result;
using reading = json_result::reading;
using testing::content;

std::string decoded(std::string_view s) {
  std::string out;
  decode_json_string(s, out);
  return out;
}

// `text` as the body of a JSON string, the way Python's json.dumps writes
// it (ensure_ascii: every non-ASCII code point as \uXXXX, pairs above
// U+FFFF).
std::string json_escaped(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {  // UTF-8 (the corpus is); a stray byte as itself
      const int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (n == 1 || i + n > text.size()) {
        out += fmt::format("\\u{:04x}", c);
        continue;
      }
      unsigned long cp = c & (0x7F >> n);
      for (int k = 1; k < n; ++k)
        cp = cp << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      i += n - 1;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        out += fmt::format("\\u{:04x}\\u{:04x}", 0xD800 + (cp >> 10),
                           0xDC00 + (cp & 0x3FF));
      } else {
        out += fmt::format("\\u{:04x}", cp);
      }
    }
  }
  return out;
}

TEST(JsonResult, StringEscapesAreDecoded) {
  EXPECT_EQ(decoded(R"(a\nb\r\nc\td\"e\\f\/g\b\f)"),
            "a\nb\r\nc\td\"e\\f/g\b\f");
  EXPECT_EQ(decoded(R"(Paketlisten \u00fcber \u2192 \ud83d\ude00)"),
            "Paketlisten \xC3\xBC"
            "ber \xE2\x86\x92 \xF0\x9F\x98\x80");
  EXPECT_EQ(decoded(R"(ends here" , "stdout_lines": [)"), "ends here");
}

TEST(JsonResult, MalformedEscapesAreKeptAsTheyAre) {
  EXPECT_EQ(decoded(R"(a\qb)"), R"(a\qb)");
  EXPECT_EQ(decoded(R"(a\u12)"), R"(a\u12)");
  EXPECT_EQ(decoded(R"(a\uZZZZb)"), R"(a\uZZZZb)");
  EXPECT_EQ(decoded("cut\\"), "cut\\");
}

TEST(JsonResult, OneLineResultGivesItsStdout) {
  json_result j;
  EXPECT_EQ(j.read(R"(changed: [web1] => {"changed": true, "msg": "x\ny", )"
                   R"("stdout": "Reading package lists...\nDone\n", )"
                   R"("stdout_lines": ["Reading package lists...", "Done"]})"),
            reading::decoded);
  EXPECT_EQ(j.text(), "Reading package lists...\nDone\n");
  EXPECT_EQ(j.read(R"(fatal: [db]: FAILED! => {"stdout": "a\nb"})"),
            reading::decoded);
  EXPECT_EQ(j.read(R"(ok: [h] => (item=x) => {"stdout": "a\r\nb"})"),
            reading::decoded);
  EXPECT_EQ(j.text(), "a\r\nb");
}

TEST(JsonResult, StderrIsReadAfterStdoutAsATerminalShowsIt) {
  json_result j;
  EXPECT_EQ(
      j.read(
          R"(fatal: [h]: FAILED! => {"changed": false, "rc": 100, )"
          R"("stderr": "E: Unable to locate package foo\n", )"
          R"("stderr_lines": ["E: Unable to locate package foo"], )"
          R"("stdout": "Reading package lists...\nBuilding dependency tree...")"
          R"(, "stdout_lines": []})"),
      reading::decoded);
  EXPECT_EQ(j.text(),
            "Reading package lists...\nBuilding dependency tree...\n"
            "E: Unable to locate package foo\n");
  // Pretty-printed, "stderr" and its block come first.
  EXPECT_EQ(j.read(R"(    "stderr": "W: a\nE: b\n",)"), reading::none);
  EXPECT_EQ(j.read(R"(    "stderr_lines": [)"), reading::noise);
  EXPECT_EQ(j.read(R"(        "W: a",)"), reading::noise);
  EXPECT_EQ(j.read(R"(        "E: b")"), reading::noise);
  EXPECT_EQ(j.read("    ],"), reading::noise);
  EXPECT_EQ(j.read(R"(    "stdout": "x\ny\n",)"), reading::decoded);
  EXPECT_EQ(j.text(), "x\ny\nW: a\nE: b\n");
  // Not past another key.
  EXPECT_EQ(j.read(R"(    "stderr": "E: b\n",)"), reading::none);
  EXPECT_EQ(j.read(R"(    "start": "2024-05-01",)"), reading::none);
  EXPECT_EQ(j.read(R"(    "stdout": "x\ny\n",)"), reading::decoded);
  EXPECT_EQ(j.text(), "x\ny\n");
}

TEST(JsonResult, FailedTaskGivesTheRunWithAptsError) {
  const report r = parse(
      "fatal: [web1]: FAILED! => {\"cache_updated\": false, \"changed\": "
      "false, \"msg\": \"'/usr/bin/apt-get -y install foo' failed: E: Unable "
      "to locate package foo\\n\", \"rc\": 100, \"stderr\": \"E: Unable to "
      "locate package foo\\n\", \"stderr_lines\": [\"E: Unable to locate "
      "package foo\"], \"stdout\": \"Reading package lists...\\nBuilding "
      "dependency tree...\\nReading state information...\\n\", "
      "\"stdout_lines\": [\"Reading package lists...\"]}\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  const transaction& t = r.transactions[0];
  EXPECT_EQ(t.span.prefix, line_prefix::json_string);
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].level, message_level::error);
  EXPECT_EQ(t.messages[0].text, "Unable to locate package foo");
  EXPECT_EQ(t.unrecognized_count, 0u);
}

TEST(JsonResult, PrettyStdoutIsReadAndItsLinesBlockIsNoise) {
  json_result j;
  EXPECT_EQ(j.read(R"(    "stdout": "Reading package lists...\nDone\n",)"),
            reading::decoded);
  EXPECT_EQ(j.read(R"(    "stdout_lines": [)"), reading::noise);
  EXPECT_TRUE(j.wants_indented());
  EXPECT_EQ(j.read(R"(        "Reading package lists...",)"), reading::noise);
  EXPECT_EQ(j.read(R"(        "Done")"), reading::noise);
  EXPECT_EQ(j.read("    ]"), reading::noise);
  EXPECT_FALSE(j.wants_indented());
}

TEST(JsonResult, LinesBlockWithoutTheStdoutBeforeItIsReadItemByItem) {
  json_result j;
  EXPECT_EQ(j.read(R"(    "apt_out.stdout_lines": [)"), reading::noise);
  EXPECT_EQ(j.read(R"(        "  libc6 \"x\" tzdata",)"), reading::item);
  EXPECT_EQ(j.text(), R"(  libc6 "x" tzdata)");
  EXPECT_EQ(j.read(R"(        "")"), reading::item);
  EXPECT_EQ(j.text(), "");
  EXPECT_EQ(j.read("    ],"), reading::noise);
  EXPECT_FALSE(j.wants_indented());
  // A line between the stdout and the block forgets the stdout.
  EXPECT_EQ(j.read(R"(    "stdout": "a\nb",)"), reading::decoded);
  EXPECT_EQ(j.read(R"(    "rc": 0,)"), reading::none);
  EXPECT_EQ(j.read(R"(    "stdout_lines": [)"), reading::noise);
  EXPECT_EQ(j.read(R"(        "a",)"), reading::item);
}

TEST(JsonResult, StderrLinesAreNoise) {
  json_result j;
  EXPECT_EQ(j.read(R"(    "stderr_lines": [)"), reading::noise);
  EXPECT_EQ(j.read(R"(        "E: Unable to locate package x")"),
            reading::noise);
  EXPECT_EQ(j.read("    ]"), reading::noise);
}

TEST(JsonResult, OtherLinesAreNotResults) {
  for (std::string_view line :
       {// apt's and dpkg's lines that start like a status
        "configuration file '/etc/x' does not exist",
        "curl/stable,now 7.88.1-10 amd64 [installed]",
        "fatal: unable to access 'https://example.org/'", "changed: nothing",
        // a result without a multi-line stdout
        R"(changed: [h] => {"changed": true, "stdout": "one line"})",
        R"(ok: [h] => {"msg": "Reading package lists...\nDone\n"})",
        R"(ok: [h] => {"cmd": "x", "stdout": "")",
        // pretty keys that are not stdout, and unindented ones
        R"(    "msg": "Reading package lists...\nDone\n",)",
        R"(    "stdout": "one line",)", R"("stdout": "a\nb",)",
        R"(    "stdout_lines": [],)", "  libc6 tzdata",
        "    \"quoted\" but no block"}) {
    json_result j;
    EXPECT_EQ(j.read(line), reading::none) << line;
    EXPECT_FALSE(j.wants_indented()) << line;
  }
}

TEST(JsonResult, TheCheapTestLetsEveryResultLineThrough) {
  for (std::string_view line :
       {R"(changed: [h] => {)", "ok: [h]", "fatal: [h]: FAILED! => {",
        R"(    "stdout": "a\nb",)", R"(        "item",)",
        R"(            "nested loop result",)"})
    EXPECT_TRUE(json_result::may_read(line)) << line;
  // apt's indented lines: apt 3's summary block, list items, continuations.
  for (std::string_view line :
       {"  Upgrading: 3, Installing: 0, Removing: 0, Not Upgrading: 1",
        "  libc6 tzdata", "    libc6", "  \"quoted\"", "", "   "})
    EXPECT_FALSE(json_result::may_read(line)) << line;
}

TEST(JsonResult, TakeLineEndsAtEachLineEndTheSplitterKnows) {
  std::string_view rest = "a\nb\r\nc\rd\n\ne";
  std::string got;
  while (!rest.empty()) got += std::string(json_result::take_line(rest)) + "|";
  EXPECT_EQ(got, "a|b|c|d||e|");
}

TEST(JsonResult, EveryStatusFirstByteIsGated) {
  for (std::string_view status : {"changed", "ok", "fatal", "failed"})
    EXPECT_EQ(detail::start_of(status), detail::line_start::marked) << status;
}

// Corpus logs as ansible prints them.
std::string one_line(std::string_view log) {
  return fmt::format(
      "TASK [apt] ****\nchanged: [web1] => {{\"changed\": true, \"stderr\": "
      "\"\", \"stderr_lines\": [], \"stdout\": \"{}\", \"stdout_lines\": "
      "[\"x\"]}}\n\nPLAY RECAP ****\n",
      json_escaped(log));
}

std::string lines_block(std::string_view log) {
  std::string out = "    \"stdout_lines\": [\n";
  std::size_t i = 0;
  while (i < log.size()) {
    std::size_t end = log.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = log.size();
    out +=
        fmt::format("        \"{}\",\n", json_escaped(log.substr(i, end - i)));
    if (end < log.size()) end += log.compare(end, 2, "\r\n") == 0 ? 2 : 1;
    i = end;
  }
  return out + "    ]\n";
}

std::string pretty(std::string_view log) {
  return fmt::format(
      "web1 | CHANGED => {{\n    \"changed\": true,\n    \"stdout\": "
      "\"{}\",\n{}}}\n",
      json_escaped(log), lines_block(log));
}

std::string debug_lines(std::string_view log) {
  return "ok: [web1] => {\n" +
         lines_block(log).replace(4, 14, "\"out.stdout_lines\"") + "}\n";
}

// content() without the transaction's count of unrecognized lines: the
// JSON around the string is not apt's, and its lines count as unrecognized
// in the transaction next to them.
std::string without_unrecognized(const std::string& text) {
  const std::size_t at = text.rfind(" unrecognized ");
  return at == std::string::npos ? text : text.substr(0, at);
}

std::uint64_t all_unrecognized(const report& r) {
  std::uint64_t n = r.unrecognized_count;
  for (const transaction& t : r.transactions) n += t.unrecognized_count;
  return n;
}

// One test over every corpus log rather than one each: ctest runs each case
// in its own process, which costs more than the parse (twice in CI, the
// second time under ASan).
void expect_ansible_forms_read(const std::string& log_name) {
  const std::string log =
      testing::read_file(testing::corpus_dir() / (log_name + ".log"));
  options o;
  o.max_line_bytes = 64 << 20;  // the one-line form holds the whole log
  const report clean = parse(log, o);
  // Each form's lines around the string that are no one's: "TASK [apt]
  // ****" and "PLAY RECAP ****"; "web1 | CHANGED => {", '"changed": true,'
  // and "}"; "ok: [web1] => {" and "}".
  for (const auto& [name, text, frame] :
       {std::tuple{"one line", one_line(log), 2},
        std::tuple{"pretty", pretty(log), 3},
        std::tuple{"debug stdout_lines", debug_lines(log), 2}}) {
    const report r = parse(text, o);
    EXPECT_EQ(all_unrecognized(r), all_unrecognized(clean) + frame) << name;
    ASSERT_EQ(r.transactions.size(), clean.transactions.size()) << name;
    for (std::size_t i = 0; i < r.transactions.size(); ++i) {
      std::string got = without_unrecognized(content(r.transactions[i]));
      // A dpkg.log run goes on after the string, and the JSON's next line
      // (not dpkg's) makes it incomplete, as any line not dpkg's would.
      const std::size_t cut = got.rfind("complete false");
      if (log_name.ends_with("dpkg-log") && i + 1 == r.transactions.size() &&
          cut != std::string::npos)
        got.replace(cut, 14, "complete true");
      EXPECT_EQ(got, without_unrecognized(content(clean.transactions[i])))
          << name << " transaction " << i;
      EXPECT_EQ(r.transactions[i].span.prefix, line_prefix::json_string)
          << name;
    }
  }
}

TEST(JsonResult,
     AnsibleResultOfEveryCorpusLogGivesTheTransactionsOfTheCleanLog) {
  for (const std::string& name : testing::corpus_logs()) {
    SCOPED_TRACE(name);
    expect_ansible_forms_read(name);
  }
}

}  // namespace
}  // namespace aptparse

#include "classify/sim_line.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "classify/byte_find.h"
#include "support/corpus_files.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

TEST(SimLine, InstWithCurrentVersionIsAnUpgradeWithOriginsAndArch) {
  const sim_fields f = sim_fields_of(
      "libc6 [2.36-9+deb12u7] (2.36-9+deb12u10 Debian:12.11/stable, "
      "Debian-Security:12/stable-security [amd64]) [libc-bin:amd64 ]");
  ASSERT_FALSE(f.name.empty());
  package_ref p = inst_package(f);
  EXPECT_EQ(p.set, pkg_set::upgraded);
  EXPECT_EQ(p.name, "libc6");
  EXPECT_EQ(p.arch, "amd64");
  EXPECT_FALSE(p.arch_qualified);
  EXPECT_EQ(p.old_version, "2.36-9+deb12u7");
  EXPECT_EQ(p.new_version, "2.36-9+deb12u10");
  EXPECT_EQ(p.origins,
            "Debian:12.11/stable, Debian-Security:12/stable-security");
}

TEST(SimLine, InstWithoutCurrentVersionIsANewInstall) {
  const sim_fields f =
      sim_fields_of("jq (1.6-2.1 Debian:12.11/stable [amd64])");
  ASSERT_FALSE(f.name.empty());
  EXPECT_EQ(inst_package(f).set, pkg_set::newly_installed);
}

TEST(SimLine, LowerOrEqualCandidateIsADowngradeOrReinstall) {
  sim_fields f = sim_fields_of("a [2.0-1] (1.9-3 stable [all])");
  ASSERT_FALSE(f.name.empty());
  EXPECT_EQ(inst_package(f).set, pkg_set::downgraded);
  f = sim_fields_of("a [2.0-1] (2.0-1 stable [all])");
  ASSERT_FALSE(f.name.empty());
  EXPECT_EQ(inst_package(f).set, pkg_set::reinstalled);
}

TEST(SimLine, ForeignArchNameAndLabelWithSpaces) {
  const sim_fields f = sim_fields_of(
      "libfoo:i386 [1.0] (1.1 release/4.1.0-2 jessie:jessie [i386])");
  ASSERT_FALSE(f.name.empty());
  package_ref p = inst_package(f);
  EXPECT_EQ(p.name, "libfoo");
  EXPECT_EQ(p.arch, "i386");
  EXPECT_TRUE(p.arch_qualified);
  EXPECT_EQ(p.origins, "release/4.1.0-2 jessie:jessie");
}

TEST(SimLine, RemvAndPurgHaveNoParentheses) {
  const sim_fields f = sim_fields_of("nano [7.2-1]");
  ASSERT_FALSE(f.name.empty());
  package_ref p = removal_package(f, /*purge=*/true);
  EXPECT_EQ(p.set, pkg_set::to_remove);
  EXPECT_EQ(p.old_version, "7.2-1");
  EXPECT_TRUE(p.flags & flag_purge);
  EXPECT_TRUE(p.arch.empty());
}

TEST(SimLine, TruncatedLinesDoNotOverrun) {
  EXPECT_TRUE(sim_fields_of("").name.empty());
  sim_fields f = sim_fields_of("a [1.0");
  EXPECT_EQ(f.name, "a");
  EXPECT_EQ(f.current, "1.0");
  f = sim_fields_of("a (1.0 stable [amd");
  EXPECT_EQ(f.name, "a");
  EXPECT_EQ(f.candidate, "1.0");
}

// find_byte (16 bytes a compare, an overlapping last block) against a byte
// loop: every length around the block sizes, every start, the byte alone at
// every place, and random lines of the bytes that matter plus tabs and
// non-ASCII bytes.
TEST(FindByte, AgreesWithAByteLoop) {
  const auto want = [](std::string_view s, std::size_t from) {
    while (from < s.size() && s[from] != ']') ++from;
    return from;
  };
  for (std::size_t n = 0; n <= 70; ++n)
    for (std::size_t at = 0; at <= n; ++at) {
      std::string s(n, 'x');
      if (at < n) s[at] = ']';
      for (std::size_t from = 0; from <= n; ++from)
        ASSERT_EQ(find_byte<']'>(s, from), want(s, from))
            << "n=" << n << " at=" << at << " from=" << from;
    }
  static constexpr char alphabet[] = {']', ' ', '\t', 'a', '\x80', '\xdd', 'b'};
  std::mt19937 rng(15);
  for (int k = 0; k < 20000; ++k) {
    std::string s(k % 80, 'x');
    for (char& c : s) c = alphabet[rng() % sizeof alphabet];
    for (std::size_t from = 0; from <= s.size(); from += 1 + k % 5)
      ASSERT_EQ(find_byte<']'>(s, from), want(s, from)) << '"' << s << '"';
  }
}

// The fields as std::string_view's searches define them: the reference
// sim_fields_of is held to.
sim_fields fields_by_find(std::string_view rest) {
  sim_fields out;
  std::size_t sp = rest.find(' ');
  out.name = rest.substr(0, sp);
  out.colon = std::min(out.name.find(':'), out.name.size());
  if (out.name.empty() || sp == std::string_view::npos) return out;
  rest.remove_prefix(sp + 1);
  if (rest.starts_with('[')) {
    std::size_t close = rest.find(']');
    out.current =
        rest.substr(1, close == std::string_view::npos ? close : close - 1);
    if (close == std::string_view::npos) return out;
    rest.remove_prefix(close + 1);
    if (rest.starts_with(' ')) rest.remove_prefix(1);
  }
  if (!rest.starts_with('(')) return out;
  rest.remove_prefix(1);
  std::size_t end = rest.find("])");
  std::string_view group = rest.substr(0, end);
  sp = group.find(' ');
  out.candidate = group.substr(0, sp);
  if (sp == std::string_view::npos) return out;
  group.remove_prefix(sp + 1);
  if (end != std::string_view::npos) {
    std::size_t open = group.rfind('[');
    if (open != std::string_view::npos) {
      out.arch = group.substr(open + 1);
      group = group.substr(0, open);
    }
  }
  while (!group.empty() && group.back() == ' ') group.remove_suffix(1);
  out.origins = group;
  return out;
}

// Views compared by place in the line, not only by text.
std::string places(std::string_view line, const sim_fields& f) {
  std::string out;
  for (std::string_view v : {f.name, f.current, f.candidate, f.origins, f.arch})
    out += std::to_string(v.empty() ? -1 : v.data() - line.data()) + '+' +
           std::to_string(v.size()) + ' ';
  return out + ':' + std::to_string(f.colon);
}

TEST(SimLine, FieldsAreThoseOfTheStringSearches) {
  // With tabs, and non-ASCII bytes that differ from ' ', '[' and ']' only in
  // the high bit (the SWAR and SSE2 searches must not take them for those).
  static constexpr std::string_view alphabet = "a1 []():.-x\t\xa0\xdb\xdd";
  std::mt19937 rng(15);
  const auto check = [](std::string_view line) {
    const sim_fields got = sim_fields_of(line);
    ASSERT_EQ(places(line, got), places(line, fields_by_find(line)))
        << '"' << line << '"';
  };
  for (int k = 0; k < 50000; ++k) {
    std::string s(k % 90, 'x');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    check(s);
  }
  std::size_t checked = 0;
  for (const std::string& name : testing::corpus_logs()) {
    const std::string text =
        testing::read_file(testing::corpus_dir() / (name + ".log"));
    for (std::string_view line : split_lines(text)) {
      for (std::string_view key : {"Inst ", "Conf ", "Remv ", "Purg "}) {
        if (!line.starts_with(key)) continue;
        check(trim_right(line.substr(key.size())));
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000u);
}

// Names of 0-40 bytes (one or two 16-byte loads, or the byte search) with
// a ':' at every place or none, a second ':' after it, and a ' ' or the
// line's end after the name: the name's end and first ':' are those of
// the string searches.
TEST(SimLine, NamesOfAnyLengthGiveTheirEndAndFirstColon) {
  for (std::size_t len = 0; len <= 40; ++len)
    for (std::size_t colon = 0; colon <= len; ++colon)
      for (std::string_view after : {"", " ", " [1] (2 x [a])", " (2 :[a])"}) {
        std::string s(len, 'n');
        if (colon < len) s[colon] = ':';
        if (colon + 3 < len) s[colon + 3] = ':';
        s += after;
        ASSERT_EQ(places(s, sim_fields_of(s)), places(s, fields_by_find(s)))
            << '"' << s << '"';
      }
}

// A line is read within its own bytes: every simulate line of the corpus
// cut at every length, as a view into the whole line (so the bytes after
// the cut, '[' and ']' among them, are there to be misread), gives the
// fields of the string searches on the cut line.
TEST(SimLine, ALineCutAnywhereIsReadWithinItsBytes) {
  std::size_t checked = 0;
  for (const std::string& name : testing::corpus_logs()) {
    const std::string text =
        testing::read_file(testing::corpus_dir() / (name + ".log"));
    for (std::string_view line : split_lines(text)) {
      if (!line.starts_with("Inst ") && !line.starts_with("Remv ")) continue;
      const std::string_view rest = line.substr(5);
      for (std::size_t k = 0; k <= rest.size(); ++k) {
        const std::string_view cut = rest.substr(0, k);
        ASSERT_EQ(places(cut, sim_fields_of(cut)),
                  places(cut, fields_by_find(cut)))
            << '"' << cut << '"';
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace aptparse::detail

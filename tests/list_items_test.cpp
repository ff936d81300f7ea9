#include "classify/list_items.h"

#include <gtest/gtest.h>

#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "classify/line_bits.h"
#include "support/corpus_files.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

struct item {
  std::string name, arch, old_version, new_version, note;
  std::uint16_t flags;
};

std::vector<item> items(std::string_view line, pkg_set set) {
  std::vector<item> out;
  list_context ctx;
  ctx.set = set;
  parse_list_line(line, ctx, [&](const package_ref& p) {
    out.push_back({std::string(p.name), std::string(p.arch),
                   std::string(p.old_version), std::string(p.new_version),
                   std::string(p.note), p.flags});
  });
  return out;
}

TEST(ListItems, SplitsNamesAndForeignArchitectures) {
  auto v = items("  libc6 libfoo:i386 tzdata", pkg_set::upgraded);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[1].name, "libfoo");
  EXPECT_EQ(v[1].arch, "i386");
}

TEST(ListItems, ColumnsWithSeveralSpacesAreItems) {
  EXPECT_EQ(items("  a    b  c", pkg_set::upgraded).size(), 3u);
}

TEST(ListItems, PurgeMarkerOnlyInRemovals) {
  auto v = items("  nano* vim", pkg_set::to_remove);
  EXPECT_EQ(v[0].name, "nano");
  EXPECT_TRUE(v[0].flags & flag_purge);
  EXPECT_FALSE(v[1].flags & flag_purge);
  EXPECT_EQ(items("  odd*", pkg_set::upgraded)[0].name, "odd*");
}

TEST(ListItems, VerboseVersionsArrowIsOldAndNew) {
  auto v = items("   libc6 (2.36-9 => 2.36-10)", pkg_set::upgraded);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].old_version, "2.36-9");
  EXPECT_EQ(v[0].new_version, "2.36-10");
}

TEST(ListItems, SingleVersionIsInstalledForRemovalsAndCandidateOtherwise) {
  EXPECT_EQ(items("   nano (7.2-1)", pkg_set::to_remove)[0].old_version,
            "7.2-1");
  EXPECT_EQ(items("   jq (1.6-2)", pkg_set::newly_installed)[0].new_version,
            "1.6-2");
}

TEST(ListItems, OrGroupsMarkTheAlternative) {
  auto v = items("  git-daemon-run | git-daemon-sysvinit git-doc",
                 pkg_set::suggested);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_FALSE(v[0].flags & flag_alternative);
  EXPECT_TRUE(v[1].flags & flag_alternative);
  EXPECT_EQ(v[1].name, "git-daemon-sysvinit");
  EXPECT_FALSE(v[2].flags & flag_alternative);
}

TEST(ListItems, TextWithSpacesInParenthesesIsANote) {
  auto v =
      items("  login (due to libpam-runtime) bash", pkg_set::essential_removed);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].note, "due to libpam-runtime");
}

TEST(ListItems, UnmetDependencyLinesGiveTheFirstNameOnly) {
  EXPECT_EQ(
      items(" foo : Depends: bar but it is not installable", pkg_set::broken)[0]
          .name,
      "foo");
  EXPECT_TRUE(items("       Recommends: baz", pkg_set::broken).empty());
}

TEST(ListItems, UnclosedParenthesisEndsTheLine) {
  auto v = items("   libc6 (2.36-9 => 2.3", pkg_set::upgraded);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].new_version, "2.3");
}

// A package as text: each view as its offset in `line` and size, then the
// flags, so that two paths agree only if they cut the same bytes.
std::string ref_text(std::string_view line, const package_ref& p) {
  std::string out;
  for (std::string_view v : {p.name, p.arch, p.old_version, p.new_version,
                             p.origins, p.suite, p.note}) {
    out += std::to_string(v.data() == nullptr ? -1 : v.data() - line.data());
    out += '+' + std::to_string(v.size()) + ' ';
  }
  return out + std::to_string(p.arch_qualified) + ' ' +
         std::to_string(static_cast<int>(p.set)) + ' ' +
         std::to_string(static_cast<int>(p.reason)) + ' ' +
         std::to_string(p.flags) + ";";
}

// The tokeniser's bit path against its search path: every field, views
// compared by position (both must point at the same bytes of the line).
std::string refs(std::string_view line, pkg_set set, bool by_bits) {
  list_context ctx;
  ctx.set = set;
  std::string out;
  const auto emit = [&](const package_ref& p) { out += ref_text(line, p); };
  if (by_bits)
    parse_items_by_bits(line, list_item(ctx), emit);
  else
    parse_items_by_search(line, list_item(ctx), emit);
  return out;
}

// The same through parse_one_versioned_item alone; nullopt where it
// declines the line.
std::optional<std::string> one_item_refs(std::string_view line, pkg_set set) {
  list_context ctx;
  ctx.set = set;
  std::string out;
  const line_bits b = line_bits_of(line);
  const std::uint64_t blank = b.blank | std::uint64_t{1} << line.size();
  if (!parse_one_versioned_item(
          line, b, blank, list_item(ctx),
          [&](const package_ref& p) { out += ref_text(line, p); }))
    return std::nullopt;
  return out;
}

// Lines of the bytes the tokeniser turns on, every length up to the bit
// path's limit (so the 16-byte blocks end at every place of a token), and
// non-ASCII bytes that differ from ' ', '\t', '(', ')' and ':' only in the
// high bit (a compare that dropped it would take them for those).
std::vector<std::string> random_lines(std::size_t count) {
  static constexpr std::string_view alphabet =
      "ab(): |*=>\t1.-\xa0\x89\xa8\xa9\xba";
  std::mt19937 rng(15);
  std::vector<std::string> lines;
  for (std::size_t k = 0; k < count; ++k) {
    std::string s(k % (kLineBitsMax + 1), ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    lines.push_back(std::move(s));
  }
  return lines;
}

TEST(LineBits, BlocksGiveTheMasksOfTheByteLoop) {
  for (const std::string& s : random_lines(20000))
    ASSERT_EQ(line_bits_of(s), line_bits_bytewise(s)) << '"' << s << '"';
  // A mark at each place, alone, around every block boundary.
  for (std::size_t n = 1; n <= kLineBitsMax; ++n)
    for (std::size_t at = 0; at < n; ++at)
      for (char c : {' ', '\t', '(', ')', ':'}) {
        std::string s(n, 'x');
        s[at] = c;
        ASSERT_EQ(line_bits_of(s), line_bits_bytewise(s))
            << "n=" << n << " at=" << at << " c=" << c;
      }
}

TEST(ListItems, BitPathGivesTheSearchPathsItemsOnRandomLines) {
  for (const std::string& s : random_lines(50000))
    for (pkg_set set : {pkg_set::upgraded, pkg_set::to_remove})
      ASSERT_EQ(refs(s, set, true), refs(s, set, false)) << '"' << s << '"';
}

// Lines of whole tokens in any order: names before and after groups and
// "|", groups before any name, several groups after one name, nested and
// unclosed groups, joined by runs of blanks (the bit path makes each item
// at its name and emits it after the groups and "|" that follow).
std::vector<std::string> token_lines(std::size_t count) {
  static constexpr std::string_view tokens[] = {
      "foo",     "libc6:i386",   "bar*",       "|",       "(1.0-1)",
      "(1:2.0)", "(1.0 => 2.0)", "(due to x)", "((a) b)", "(",
      "a:b:c",   "x|y",          "|z",         ")",       "q(r)"};
  std::mt19937 rng(11);
  std::vector<std::string> lines;
  while (lines.size() < count) {
    std::string s(1 + rng() % 3, ' ');
    const std::size_t want = 1 + rng() % 6;
    for (std::size_t k = 0; k < want; ++k) {
      if (k != 0) s.append(1 + rng() % 2, rng() % 4 == 0 ? '\t' : ' ');
      s += tokens[rng() % std::size(tokens)];
    }
    if (rng() % 4 == 0) s += ' ';
    if (s.size() <= kLineBitsMax) lines.push_back(std::move(s));
  }
  return lines;
}

TEST(ListItems, BitPathGivesTheSearchPathsItemsOnTokenSequences) {
  for (const std::string& s : token_lines(20000))
    for (pkg_set set : {pkg_set::upgraded, pkg_set::to_remove})
      ASSERT_EQ(refs(s, set, true), refs(s, set, false)) << '"' << s << '"';
}

TEST(ListItems, BitPathGivesTheSearchPathsItemsOnCorpusLines) {
  std::size_t checked = 0;
  for (const std::string& name : testing::corpus_logs()) {
    const std::string text =
        testing::read_file(testing::corpus_dir() / (name + ".log"));
    for (std::string_view line : split_lines(text)) {
      line = trim_right(line);
      if (line.empty() || !is_space(line[0]) || line.size() > kLineBitsMax)
        continue;
      for (pkg_set set : {pkg_set::upgraded, pkg_set::to_remove})
        ASSERT_EQ(refs(line, set, true), refs(line, set, false))
            << name << ": \"" << line << '"';
      ++checked;
    }
  }
  EXPECT_GT(checked, 10000u);
}

// apt-get -V's item lines, "name (old => new)" and "name (version)", and
// near misses: qualified names, epochs, several blanks or a tab, nested,
// unclosed and extra groups, a bar, something after the group, bytes with
// the high bit set, cut at every length (so the last byte is not always
// ')').
std::vector<std::string> versioned_lines(std::size_t count) {
  static constexpr std::string_view names[] = {
      "libc6", "g++-14:amd64", "a:b:c", "|",  "x|y", "(",
      "q(r)",  "n\xa9",        "(a)",   "z*", "",    "p:"};
  static constexpr std::string_view groups[] = {"(1.0-1 => 1.1-1)",
                                                "(1:2.39 => 1:2.47)",
                                                "(1.0)",
                                                "(2:1.0-1)",
                                                "((a) b)",
                                                "(due to libc-bin)",
                                                "(",
                                                "()",
                                                "(1.0 =>2.0)",
                                                "(a)b)",
                                                "(a:)(b)",
                                                "(1 => 2) x",
                                                "(a\xa9\xa8)",
                                                "(1.0) (2.0)",
                                                "(x\t=> y)",
                                                ")"};
  std::mt19937 rng(14);
  std::vector<std::string> lines;
  while (lines.size() < count) {
    std::string s(rng() % 4, rng() % 5 == 0 ? '\t' : ' ');
    s += names[rng() % std::size(names)];
    s.append(rng() % 3, rng() % 4 == 0 ? '\t' : ' ');
    s += groups[rng() % std::size(groups)];
    if (rng() % 3 == 0) s.resize(rng() % (s.size() + 1));
    if (s.size() <= kLineBitsMax) lines.push_back(std::move(s));
  }
  return lines;
}

TEST(ListItems, OneVersionedItemIsTheSearchPathsItemOrDeclined) {
  std::size_t taken = 0;
  for (const std::string& s : versioned_lines(40000))
    for (pkg_set set : {pkg_set::upgraded, pkg_set::to_remove}) {
      const std::string want = refs(s, set, false);
      ASSERT_EQ(refs(s, set, true), want) << '"' << s << '"';
      if (const auto one = one_item_refs(s, set)) {
        ASSERT_EQ(*one, want) << '"' << s << '"';
        ++taken;
      }
    }
  EXPECT_GT(taken, 10000u);
}

}  // namespace
}  // namespace aptparse::detail

namespace aptparse::detail {
namespace {

// The SWAR search against the obvious loop, at every start and for blanks
// at every position of strings around the 8-byte blocks.
TEST(FindBlank, AgreesWithAByteLoopEverywhere) {
  for (std::size_t n = 0; n <= 24; ++n) {
    for (std::size_t at = 0; at <= n; ++at) {
      for (char blank : {' ', '\t'}) {
        std::string s(n, 'x');
        for (std::size_t k = 0; k < n; ++k)
          s[k] = static_cast<char>(k % 2 ? 0x80 + k : 'a' + k);  // any bytes
        if (at < n) s[at] = blank;
        for (std::size_t from = 0; from <= n; ++from) {
          std::size_t want = from;
          while (want < n && s[want] != ' ' && s[want] != '\t') ++want;
          EXPECT_EQ(find_blank(s, from), want)
              << "n=" << n << " at=" << at << " from=" << from;
        }
      }
    }
  }
}

TEST(FindShort, AgreesWithStringViewFindEverywhere) {
  for (std::size_t n = 0; n <= 24; ++n)
    for (std::size_t at = 0; at <= n; ++at)
      for (std::size_t at2 = at; at2 <= n; at2 += 3) {
        std::string s(n, 'x');
        for (std::size_t k = 0; k < n; ++k)  // ';' (':' + 1) tempts borrows
          s[k] = static_cast<char>(k % 3 == 0   ? ';'
                                   : k % 3 == 1 ? 0x80 + k
                                                : 'a' + k);
        if (at < n) s[at] = ':';
        if (at2 < n) s[at2] = ':';
        EXPECT_EQ(find_short<':'>(s), std::string_view(s).find(':'))
            << "n=" << n << " at=" << at;
      }
}

TEST(IsSpace, MatchesTheCLocaleSpaces) {
  for (int c = -128; c < 128; ++c)
    EXPECT_EQ(is_space(static_cast<char>(c)), c == ' ' || (c >= 9 && c <= 13))
        << c;
}

}  // namespace
TEST(ListItems, APackageListLineHoldsOnlyPolicyPackageNames) {
  EXPECT_TRUE(is_package_list_line("  libc6 g++-12:i386 foo* (1 => 2)"));
  EXPECT_TRUE(is_package_list_line("  ab | b0 c.d"));
  EXPECT_FALSE(is_package_list_line("  Some Words"));
  EXPECT_FALSE(is_package_list_line("  x"));  // one character
  EXPECT_FALSE(is_package_list_line("  -foo"));
  EXPECT_FALSE(is_package_list_line("   "));
}

}  // namespace aptparse::detail

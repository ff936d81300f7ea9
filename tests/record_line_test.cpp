// parse_record_line (SSE2 block masks) against parse_record_line_by_search,
// the definition: the same entries with the same fields for every line.
#include "classify/record_line.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "classify/line_kind.h"
#include "support/corpus_files.h"

namespace aptparse::detail {
namespace {

struct entry {
  std::string name, arch, old_version, new_version, note;
  bool arch_qualified;
  pkg_set set;
  hold_reason reason;
  std::uint16_t flags;
  friend bool operator==(const entry&, const entry&) = default;
};

void PrintTo(const entry& e, std::ostream* os) {
  *os << "{" << e.name << " " << e.arch << " " << e.old_version << " "
      << e.new_version << " " << e.flags << "}";
}

entry of(const package_ref& p) {
  return {std::string(p.name),
          std::string(p.arch),
          std::string(p.old_version),
          std::string(p.new_version),
          std::string(p.note),
          p.arch_qualified,
          p.set,
          p.reason,
          p.flags};
}

constexpr pkg_set kSets[] = {pkg_set::upgraded, pkg_set::newly_installed,
                             pkg_set::to_remove, pkg_set::downgraded};

// Both tokenisers on `line` (copied to a buffer of its exact size, so a
// read past its end is one a sanitizer sees), every set and record flag.
void expect_same(const std::string& line) {
  const std::string text(line);
  for (pkg_set set : kSets)
    for (std::uint8_t flags = 0; flags < 4; ++flags) {
      list_context ctx{.set = set,
                       .reason = hold_reason::kept_back,
                       .flags = flag_alternative};
      std::vector<entry> fast, ref;
      parse_record_line(text, ctx, flags,
                        [&](const package_ref& p) { fast.push_back(of(p)); });
      parse_record_line_by_search(text, ctx, flags, [&](const package_ref& p) {
        ref.push_back(of(p));
      });
      ASSERT_EQ(fast, ref) << "line: \"" << line << "\"";
    }
}

TEST(RecordLine, ReadsTheCommonGroupShapes) {
  std::vector<entry> v;
  parse_record_line(
      "libc6:amd64 (2.36-9+deb12u3, 2.36-9+deb12u4), foo:i386 (1:2.0-1, "
      "automatic), bar (3.0)",
      list_context{}, 0, [&](const package_ref& p) { v.push_back(of(p)); });
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].name, "libc6");
  EXPECT_EQ(v[0].arch, "amd64");
  EXPECT_EQ(v[0].old_version, "2.36-9+deb12u3");
  EXPECT_EQ(v[0].new_version, "2.36-9+deb12u4");
  EXPECT_EQ(v[1].arch, "i386");
  EXPECT_EQ(v[1].new_version, "1:2.0-1");
  EXPECT_TRUE(v[1].flags & flag_automatic);
  EXPECT_EQ(v[2].name, "bar");
  EXPECT_FALSE(v[2].arch_qualified);
  EXPECT_EQ(v[2].new_version, "3.0");
}

TEST(RecordLine, OddLinesGiveTheSearchPathsEntries) {
  const char* lines[] = {
      "",
      "a",
      "foo:amd64 (1.0)",
      "foo:amd64 (1.0, automatic)",
      "libreoffice-style-colibre:amd64 (4:7.4.7-1+deb12u1, 4:7.4.7-1+deb12u2)",
      "foo:amd64 (1.0,2.0), bar:amd64 (1.0 , 2.0)",
      "foo:amd64 (1.0, 2.0, 3.0), bar (automatic)",
      "foo (1.0 (nested), 2.0), bar (1)",
      "foo:amd64 (1.0, automatic",
      "foo:amd64 (1.0, ",
      "foo:amd64 (1.0,",
      "foo:amd64 (",
      "foo:amd64  ,, ,  bar:amd64   (1)  baz",
      "(1.0), foo (2.0)",
      "foo*:amd64 (1), bar:amd64* (2), baz* (3), :x (4), a:b:c (5)",
      "foo:amd64 (1, automatic), bar:amd64 (2, automatically), x (3, "
      "automatic)",
      "foo:amd64 (1.0, )",
      "verylongpackagenamewithoutanyarchitecturesuffix (1.0-1), next:amd64 "
      "(2.0-1, 2.0-2)",
      "paquet:amd64 (1.0, automatique)",
      "foo:* (1.0), bar:amd64:* (2.0), :* (3), * (4), baz:*(5)",
  };
  for (const char* line : lines) expect_same(line);
}

TEST(RecordLine, RandomLinesGiveTheSearchPathsEntries) {
  const std::string pieces[] = {"a",  "lib", ":",         "amd64", " ", "  ",
                                ",",  ", ",  "(",         ")",     "*", "1.0-1",
                                "2:", "+",   "automatic", "~deb",  "\t"};
  std::mt19937 rng(15);
  for (int round = 0; round < 20000; ++round) {
    std::string line;
    const int count = static_cast<int>(rng() % 40);
    for (int k = 0; k < count; ++k) line += pieces[rng() % std::size(pieces)];
    expect_same(line);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(RecordLine, CorpusRecordLinesGiveTheSearchPathsEntries) {
  const char* keys[] = {"Install: ", "Upgrade: ",   "Remove: ",
                        "Purge: ",   "Downgrade: ", "Reinstall: "};
  int seen = 0;
  for (const char* dir : {"logs", "wild"}) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(
             std::filesystem::path(APTPARSE_CORPUS_DIR) / dir, ec)) {
      const std::string text = testing::read_file(e.path());
      std::size_t at = 0;
      while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + at, end - at);
        for (const char* key : keys)
          if (line.starts_with(key)) {
            expect_same(std::string(line.substr(std::strlen(key))));
            ++seen;
          }
        at = end + 1;
      }
    }
  }
  EXPECT_GT(seen, 10);
}

// The fast tokeniser reuses one package for a line's entries: an entry
// without a group after one with versions, or without a ':' after one with
// an arch, must not keep the earlier entry's fields. And no line, however
// cut or whatever bytes it holds, may make it read outside its bytes
// (expect_same's exact-size copy) or differ from the search path.
TEST(RecordLine,
     ACorpusLineCutAnywhereOrWithBadBytesGivesTheSearchPathsEntries) {
  for (const char* line :
       {"a:amd64 (1.0, 2.0), b, c:i386 (3), d (4, automatic), e*, f:x",
        "a:amd64 (1.0, 2.0), b:i386, c"})
    expect_same(line);
  std::vector<std::string> lines;
  for (const char* dir : {"logs", "wild"}) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(
             std::filesystem::path(APTPARSE_CORPUS_DIR) / dir, ec)) {
      const std::string text = testing::read_file(e.path());
      for (std::size_t at = 0, end; at < text.size() && lines.size() < 60;
           at = end + 1) {
        end = std::min(text.find('\n', at), text.size());
        const std::string_view line(text.data() + at, end - at);
        if (line.starts_with("Install: ") || line.starts_with("Remove: ") ||
            line.starts_with("Upgrade: "))
          lines.emplace_back(line.substr(line.find(' ') + 1));
      }
    }
  }
  ASSERT_GT(lines.size(), 10u);
  const char bad[] = {'\0', '\xff', '\x01', '\x1b', '\x7f'};
  for (const std::string& line : lines) {
    for (std::size_t cut = 0; cut <= line.size(); ++cut)
      expect_same(line.substr(0, cut));
    for (std::size_t at = 0; at < line.size(); at += 5) {
      std::string changed = line;
      changed[at] = bad[at % std::size(bad)];
      expect_same(changed);
    }
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace aptparse::detail

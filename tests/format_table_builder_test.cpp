// The format table's build at start: the shortcuts it takes (a printf
// parser that copies literal runs whole, a sorted key list for the prefix
// index's has_key_starting) give what the plain ways give, and a first use
// from several threads at once builds one table.
#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "classify/format_table.h"
#include "classify/prefix_index.h"
#include "classify/printf_format.h"

namespace aptparse::detail {
namespace {

// Runs first (gtest_discover_tests gives every test a process of its own),
// so the threads meet an unbuilt table and all wait for one build.
TEST(FormatTableBuild, FirstUseFromManyThreadsBuildsOneTable) {
  constexpr int kThreads = 4;
  std::atomic<int> ready{0};
  std::vector<const format_table*> seen(kThreads);
  std::vector<const table_row*> matched(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) {
      }
      seen[t] = &format_table::instance();
      captures caps;
      matched[t] = seen[t]->match(
          "Unpacking libc6:amd64 (2.36-9) over (2.36-8) ...", caps);
    });
  for (auto& th : threads) th.join();
  ASSERT_NE(matched[0], nullptr);
  EXPECT_EQ(matched[0]->kind, line_kind::dpkg_action);
  for (int t = 1; t < kThreads; ++t) {
    EXPECT_EQ(seen[t], seen[0]);
    EXPECT_EQ(matched[t], matched[0]);
  }
}

// printf_format::parse written another way: a regular expression for a
// conversion, %[N$][flags][width][.precision][length]conversion (N$ taken
// whenever it is there, the flags as many as there are), "%%", and a '%'
// that no conversion follows (the rest of the text stays literal).
printf_format parse_by_regex(const std::string& f) {
  static const std::regex conversion(
      "%%|%(?:([0-9]+)\\$|(?![0-9]+\\$))[-'+ #0-9.hlLqjzt]*"
      "([^-'+ #0-9.hlLqjzt])|%[\\s\\S]*$");
  printf_format out;
  out.literals.emplace_back();
  int next_arg = 0;
  auto at = f.cbegin();
  for (std::smatch m; std::regex_search(at, f.cend(), m, conversion);
       at = m[0].second) {
    out.literals.back() += m.prefix().str();
    if (m[0] == "%%") {
      out.literals.back() += '%';
    } else if (!m[2].matched) {
      out.literals.back() += m[0].str();
    } else {
      printf_format::conversion c;
      c.arg = m[1].matched ? std::stoi(m[1].str()) - 1 : next_arg;
      c.numeric =
          std::string_view("diuxX").find(*m[2].first) != std::string_view::npos;
      out.conversions.push_back(c);
      out.literals.emplace_back();
      ++next_arg;
    }
  }
  out.literals.back() += std::string(at, f.cend());
  return out;
}

void expect_same_parse(std::string_view f) {
  const printf_format a = printf_format::parse(f);
  const printf_format b = parse_by_regex(std::string(f));
  EXPECT_EQ(a.literals, b.literals) << f;
  ASSERT_EQ(a.conversions.size(), b.conversions.size()) << f;
  for (std::size_t i = 0; i < a.conversions.size(); ++i) {
    EXPECT_EQ(a.conversions[i].arg, b.conversions[i].arg) << f;
    EXPECT_EQ(a.conversions[i].numeric, b.conversions[i].numeric) << f;
  }
}

TEST(FormatTableBuild, PrintfParseEqualsTheRegexParse) {
  for (std::string_view f :
       {"", "%", "%%", "100%%", "ends in %", "%l", "a%%%s%%b", "%1$s %2$lu",
        "%2$sB / %1$sB", "%-5s|%05d", "%s%s", "%3$", "%'lu kB", "x % y"})
    expect_same_parse(f);
  // Every row of the table, and each with its '%' turned into other
  // conversions and stray percents.
  for (const table_row& row : format_table::instance().rows()) {
    expect_same_parse(row.text);
    std::string twisted(row.text);
    for (std::size_t at = twisted.find(' '); at != std::string::npos;
         at = twisted.find(' ', at + 7))
      twisted.replace(at, 1, "%d%");
    expect_same_parse(twisted);
  }
}

// Whether some key of an index of `literals` starts with `c`'s literal:
// the keys are the literals' first key_bytes bytes.
bool has_key_starting_bytewise(const std::vector<std::string_view>& literals,
                               std::size_t key_bytes,
                               const prefix_index::candidate& c) {
  const std::string_view lit(c.literal, c.literal_size);
  for (std::string_view l : literals) {
    std::string key(l.substr(0, key_bytes));
    key.resize(8, '\0');
    if (key.compare(0, std::min<std::size_t>(lit.size(), 8),
                    lit.substr(0, 8)) == 0)
      return true;
  }
  return false;
}

// The first candidate of the literal's key, or null.
const prefix_index::candidate* first_of(const prefix_index& index,
                                        std::string_view literal) {
  const auto list = index.candidates(literal);
  return list.empty() ? nullptr : &list.front();
}

TEST(FormatTableBuild, HasKeyStartingEqualsTheScanOfEveryKey) {
  // The table's literal prefixes: those of eight bytes or more index by8,
  // shorter ones are asked about, as find_shortcuts() does.
  std::vector<std::string_view> long_literals, short_literals;
  for (const table_row& row : format_table::instance().rows()) {
    if (row.literal.size() >= 8) long_literals.push_back(row.literal);
    if (row.literal.size() >= 4 && row.literal.size() < 8)
      short_literals.push_back(row.literal);
  }
  ASSERT_GT(long_literals.size(), 1000u);
  ASSERT_GT(short_literals.size(), 100u);
  prefix_index by8(8), by4(4);
  for (std::uint32_t i = 0; i < long_literals.size(); ++i)
    by8.add(i, long_literals[i], false);
  for (std::uint32_t i = 0; i < short_literals.size(); ++i)
    by4.add(i, short_literals[i], false);
  by8.build();
  by4.build();
  int found = 0;
  for (std::string_view lit : short_literals) {
    const prefix_index::candidate* c = first_of(by4, lit);
    ASSERT_NE(c, nullptr);
    const bool expected = has_key_starting_bytewise(long_literals, 8, *c);
    EXPECT_EQ(by8.has_key_starting(*c), expected) << lit;
    found += expected;
  }
  // Both answers occur.
  EXPECT_GT(found, 0);
  EXPECT_LT(found, static_cast<int>(short_literals.size()));
  // A by8 candidate asks for its whole first eight bytes; by4 holds keys
  // of four bytes, which no literal of eight or more bytes can equal.
  for (std::string_view lit : long_literals) {
    const prefix_index::candidate* c = first_of(by8, lit);
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(by8.has_key_starting(*c)) << lit;
    EXPECT_EQ(by4.has_key_starting(*c),
              has_key_starting_bytewise(short_literals, 4, *c))
        << lit;
  }
}

}  // namespace
}  // namespace aptparse::detail

// Properties over the whole corpus:
//  * junk lines inserted between the sections of a log leave its sets
//    unchanged, and every junk line is counted as unrecognised;
//  * concatenating two logs gives the transactions of both, in order.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "aptparse/aptparse.h"
#include "classify/format_table.h"
#include "support/corpus_files.h"

namespace aptparse {
namespace {

// Byte offsets where an apt run, a list header or apt's summary line
// starts.
class section_starts : public event_sink {
 public:
  std::vector<std::uint64_t> offsets;
  void on_transaction_begin(const position& w) override {
    offsets.push_back(w.offset);
  }
  void on_section(pkg_set, hold_reason, const position& w) override {
    offsets.push_back(w.offset);
  }
  void on_counts(const counts&, const position& w) override {
    offsets.push_back(w.offset);
  }
};

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t nl = text.find('\n', i);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(i, end - i));
    i = end;
  }
  return lines;
}

std::string sets_of(const report& r) {
  std::string out;
  for (const transaction& t : r.transactions) {
    for (int s = 0; s < pkg_set_count; ++s) {
      out += fmt::format("{}:", set_name(static_cast<pkg_set>(s)));
      for (const package& p : t.set(static_cast<pkg_set>(s)))
        out += fmt::format(" {}={}>{}", p.name, p.old_version, p.new_version);
      out += '\n';
    }
    if (t.counts) out += fmt::format("counts {}\n", t.counts->upgraded);
    out += "--\n";
  }
  return out;
}

std::uint64_t unrecognized(const report& r) {
  std::uint64_t n = r.unrecognized_count;
  for (const transaction& t : r.transactions) n += t.unrecognized_count;
  return n;
}

class Property : public ::testing::TestWithParam<std::string> {};

TEST_P(Property, JunkBetweenSectionsIsCountedAndChangesNoSet) {
  const std::string log =
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log"));
  const report clean = parse(log);
  section_starts starts;
  parser p(starts);
  ASSERT_TRUE(p.feed(log).ok());
  ASSERT_TRUE(p.finish().ok());
  if (starts.offsets.empty()) GTEST_SKIP() << "no sections";

  std::mt19937 rng(static_cast<unsigned>(log.size()));
  std::string junked;
  std::uint64_t junk = 0;
  std::size_t copied = 0;
  std::sort(starts.offsets.begin(), starts.offsets.end());
  for (std::uint64_t at : starts.offsets) {
    if (at < copied || (at == copied && copied != 0)) continue;
    junked.append(log, copied, at - copied);
    copied = at;
    for (unsigned k = rng() % 3 + 1; k > 0; --k, ++junk)
      junked += fmt::format("zz-junk {} {:x} ~~ not apt output\n", junk, rng());
  }
  junked.append(log, copied);
  const report r = parse(junked);
  EXPECT_EQ(sets_of(r), sets_of(clean));
  EXPECT_EQ(unrecognized(r), unrecognized(clean) + junk);
}

// True iff the first line of `log` with content starts an apt run, i.e.
// nothing before it could belong to a previous log's transaction.
bool starts_with_run(std::string_view log) {
  for (std::string_view line : split(log)) {
    std::string_view t = line;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back())))
      t.remove_suffix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front())))
      t.remove_prefix(1);
    if (t.empty()) continue;
    detail::captures caps;
    const detail::table_row* row =
        detail::format_table::instance().match(t, caps);
    if (row && row->kind == detail::line_kind::noise) continue;
    return row && row->kind == detail::line_kind::run_start;
  }
  return false;
}

TEST_P(Property, ConcatenationGivesBothLogsTransactionsInOrder) {
  const std::vector<std::string> all = testing::corpus_logs();
  std::string a =
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log"));
  if (!a.empty() && a.back() != '\n') a += '\n';
  int checked = 0;
  for (const std::string& other : all) {
    const std::string b =
        testing::read_file(testing::corpus_dir() / (other + ".log"));
    if (!starts_with_run(b)) continue;  // -sqq output has no run boundary
    const report ra = parse(a), rb = parse(b), both = parse(a + b);
    ASSERT_EQ(both.transactions.size(),
              ra.transactions.size() + rb.transactions.size())
        << GetParam() << " + " << other;
    report joined;
    joined.transactions = ra.transactions;
    joined.transactions.insert(joined.transactions.end(),
                               rb.transactions.begin(), rb.transactions.end());
    EXPECT_EQ(sets_of(both), sets_of(joined)) << GetParam() << " + " << other;
    if (++checked == 3) break;  // three partners per log keep this fast
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, Property,
                         ::testing::ValuesIn(testing::corpus_logs()),
                         testing::corpus_param_name{});

}  // namespace
}  // namespace aptparse

#include "classify/format_table.h"

#include <re2/re2.h>

#include <algorithm>
#include <span>
#include <string>

#include "classify/format_table_builder.h"
#include "classify/spaces.h"
#include "classify/summary_shape.h"

namespace aptparse::detail {
namespace {

// Text that apt prints, untranslated, before a translated string: the tree
// mark of apt 3.0's "└─ in /boot: ..." line (or its ASCII form). A line that
// matches nothing is matched again without it.
constexpr std::string_view kDecorations[] = {"\u2514\u2500 ", "- "};

}  // namespace

const format_table& format_table::instance() {
  // Never destroyed: freeing its thousands of rows at exit cost a tenth of
  // a short run, for memory the process is about to give back anyway.
  static const format_table& table = *[] {
    format_table_builder builder;
    std::vector<table_row> rows = builder.build();
    return new format_table(std::move(rows), builder.take_text());
  }();
  return table;
}

format_table::format_table(std::vector<table_row> rows, text_arena text)
    : text_(std::move(text)), rows_(std::move(rows)) {
  by_structure_.kind = line_kind::summary;
  by_structure_.match = match_kind::format;
  by_structure_.meaning = summary_counts{summary_counts::classic, true};
  index_rows();
}

void format_table::index_rows() {
  for (auto& bucket : by_first_byte_) bucket.clear();
  fallback_.clear();
  // Within a bucket, exact rows come first (a header never loses to another
  // language's prefix), then the longest literal prefix, then the most
  // literal text in all ("%s (%s) over (%s) ..." before "%s (%s) ..."),
  // then English (the most common). One 64-bit key per row with its index in
  // the low bits: sorting the keys is the stable sort in that order, without a
  // comparator that reads two rows per compare (a tenth of the start-up). Sizes
  // of 64 KiB and more, which no line of apt's has, would count as equal.
  constexpr int kIndexBits = 30;
  std::vector<std::uint64_t> keys(rows_.size());
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    const table_row& r = rows_[i];
    const auto capped = [](std::size_t n) -> std::uint64_t {
      return 0xffff - std::min<std::size_t>(n, 0xffff);  // longest first
    };
    keys[i] = std::uint64_t{r.match != match_kind::exact} << 63 |
              capped(r.literal.size()) << 47 |
              capped(r.text.size() - r.arg_of_group.size() * 2) << 31 |
              std::uint64_t{!r.lang.empty()} << kIndexBits | i;
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::uint32_t> order(rows_.size());
  for (std::size_t k = 0; k < keys.size(); ++k)
    order[k] = static_cast<std::uint32_t>(keys[k] & ((1u << kIndexBits) - 1));
  for (std::uint32_t i : order) {
    const table_row& row = rows_[i];
    const bool exact = row.match == match_kind::exact;
    if (row.literal.size() >= 8) {
      by8_.add(i, row.literal, exact);
    } else if (row.literal.size() >= 4) {
      by4_.add(i, row.literal, exact);
    } else if (!row.literal.empty()) {
      by_first_byte_[static_cast<unsigned char>(row.literal[0])].push_back(i);
    } else if (row.starts_with_number) {
      numeric_.push_back(i);
    } else {
      fallback_.push_back(i);
    }
  }
  by8_.build();
  by4_.build();
  find_shortcuts();
  // English first among the numeric rows: apt's most common summary line
  // finds its row at once. No two summary formats match one line (their
  // conversions are numbers between distinct literals), so this changes
  // which row is tried first, never which one matches.
  std::stable_partition(numeric_.begin(), numeric_.end(),
                        [&](std::uint32_t i) { return rows_[i].lang.empty(); });
  for (std::uint32_t k = 0; k < numeric_.size(); ++k) {
    numeric_search_.add(k, rows_[numeric_[k]].required);
    const table_row& row = rows_[numeric_[k]];
    const bool indexable =
        row.literals.size() >= 2 && !row.numeric.empty() && row.numeric[0] &&
        row.literals[0].empty() && row.literals[1].size() >= 4 &&
        !(row.literals[1][0] >= '0' && row.literals[1][0] <= '9');
    if (indexable) {
      numeric_by_literal_.add(k, row.literals[1], false);
    } else {
      numeric_always_.push_back(k);
    }
  }
  numeric_by_literal_.build();
  numeric_search_.build();
  for (std::uint32_t k = 0; k < fallback_.size(); ++k)
    fallback_search_.add(k, rows_[fallback_[k]].required);
  fallback_search_.build();
}

bool format_table::row_matches(const table_row& row, std::string_view line,
                               captures& caps) const {
  const auto starts_with = [&](std::string_view s) {
    return line.size() >= s.size() &&
           prefix_index::same_bytes(line.data(), s.data(), s.size());
  };
  switch (row.match) {
    case match_kind::exact:
      return line.size() == row.text.size() && starts_with(row.text);
    case match_kind::prefix:
      return starts_with(row.literal);
    case match_kind::format:
      break;
  }
  if (!starts_with(row.literal)) return false;
  if (!row.literals.empty()) return fast_match(row, line, caps);
  return re2_match(row, line, caps);
}

bool format_table::re2_match(const table_row& row, std::string_view line,
                             captures& caps) const {
  if (!row.required.empty() &&
      line.find(row.required) == std::string_view::npos)
    return false;
  const int groups = static_cast<int>(row.arg_of_group.size());
  re2::StringPiece pieces[max_captures];
  re2::RE2::Arg args[max_captures];
  const re2::RE2::Arg* argp[max_captures] = {};
  const int n = std::min(groups, max_captures);
  for (int i = 0; i < n; ++i) {
    args[i] = re2::RE2::Arg(&pieces[i]);
    argp[i] = &args[i];
  }
  if (!re2::RE2::FullMatchN(re2::StringPiece(line.data(), line.size()), *row.re,
                            argp, n))
    return false;
  caps.clear();
  for (int i = 0; i < n; ++i) {
    int a = row.arg_of_group[i];
    if (a < 0 || a >= max_captures || pieces[i].data() == nullptr) continue;
    caps.set(a, std::string_view(pieces[i].data(), pieces[i].size()));
  }
  return true;
}

void format_table::find_shortcuts() {
  shortcuts_.assign(rows_.size(), shortcut{});
  for (std::uint32_t i = 0; i < rows_.size(); ++i) {
    const std::string_view literal = rows_[i].literal;
    const prefix_index& index = literal.size() >= 8 ? by8_ : by4_;
    if (literal.size() < 4) continue;
    const prefix_index::candidate* c = index.first_unlike_earlier(i, literal);
    if (c == nullptr) continue;
    if (&index == &by4_ && by8_.has_key_starting(*c)) continue;
    shortcuts_[i] = shortcut{c, index.key_bytes()};
  }
  // A row's hint takes, by its literal, the lines that match_hint would
  // hand to the row: a shortcut that is not exact, and lines at least as
  // long as the literal, the index's key and the sixteen bytes read.
  row_hints_.assign(rows_.size(), hint{});
  for (std::uint32_t i = 0; i < rows_.size(); ++i) {
    hint& h = row_hints_[i];
    h.row = &rows_[i];
    const shortcut& s = shortcuts_[i];
    if (s.candidate == nullptr || s.candidate->exact_size != 0) continue;
    h.head = s.candidate->head;
    h.head_mask = s.candidate->head_mask;
    h.tail = s.candidate->tail;
    h.tail_mask = s.candidate->tail_mask;
    h.min_size = std::max<std::size_t>(
        {16, s.min_size, std::size_t{s.candidate->literal_size}});
    h.format = rows_[i].match == match_kind::format;
    h.literal = s.candidate->literal;
    h.rest_size =
        s.candidate->literal_size > 16 ? s.candidate->literal_size - 16 : 0;
  }
}

// Inlined into match(): a call per index cost a full prologue per line.
[[gnu::always_inline]] inline const table_row* format_table::match_index(
    const prefix_index& index, std::string_view line, std::uint64_t head,
    std::uint64_t tail, captures& caps) const {
  for (const prefix_index::candidate& c : index.candidates(line)) {
    if (!prefix_index::literal_matches(c, line, head, tail)) continue;
    const table_row& row = rows_[c.row];
    if (row.match != match_kind::format) return &row;
    if (!row.literals.empty() ? fast_match(row, line, caps)
                              : row_matches(row, line, caps))
      return &row;
  }
  return nullptr;
}

// Matches a format row without RE2: each %s takes the shortest text up to
// the next literal, except the last, which runs to the line's final
// literal (in an open-ended row, to the first occurrence of its last
// literal, and anything may follow); each number takes the digits. Enough
// for apt's formats, whose values never contain the literal that follows
// them.
bool format_table::fast_match(const table_row& row, std::string_view line,
                              captures& caps) const {
  std::size_t pos = row.literals[0].size();
  const std::size_t n = row.numeric.size();
  // Each group [0, n) is set before it is read: no zeroing (it was a
  // tenth of the function), as captures itself is left uninitialized.
  const char* group_at[max_captures];
  std::size_t group_size[max_captures];
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view next = row.literals[i + 1];
    std::size_t end;
    if (row.numeric[i]) {
      end = pos;
      while (end < line.size() && line[end] >= '0' && line[end] <= '9') ++end;
      if (end == pos || line.size() - end < next.size() ||
          !prefix_index::same_bytes(line.data() + end, next.data(),
                                    next.size()))
        return false;
    } else if (i + 1 == n && !row.open_end) {
      if (line.size() < pos + next.size()) return false;
      end = line.size() - next.size();
      if (!prefix_index::same_bytes(line.data() + end, next.data(),
                                    next.size()))
        return false;
    } else {
      end = line.find(next, pos);
      if (end == std::string_view::npos) return false;
    }
    // pos <= end <= line.size() on every path here: no substr check.
    group_at[i] = line.data() + pos;
    group_size[i] = end - pos;
    pos = end + next.size();
  }
  if (pos != line.size() && !row.open_end) return false;
  caps.clear();
  for (std::size_t i = 0; i < n; ++i) {
    int a = row.arg_of_group[i];
    if (a < 0 || a >= max_captures) continue;
    caps.set(a, std::string_view(group_at[i], group_size[i]));
  }
  return true;
}

// A line that matched nothing as it is: its normal form, then the
// summary line's shape. Only such lines pay for the normal form, and only
// those whose normal form can differ beyond their ends.
const table_row* format_table::match_unmatched(std::string_view line,
                                               captures& caps) const {
  std::string_view normal = line;
  if (may_need_spaces_normalised(line)) {
    thread_local std::string buffer;
    normalise_spaces(line, buffer);
    if (buffer != line) {
      normal = buffer;
      // Prefix rows are left out: their text is taken from the line after
      // the prefix, whose length the normal form changed.
      const table_row* row = match_as_is(normal, caps);
      if (row && row->match != match_kind::prefix) return row;
    }
  }
  if (!normal.empty() && match_summary_shape(normal, caps))
    return &by_structure_;
  return nullptr;
}

const table_row* format_table::match_as_is(std::string_view line,
                                           captures& caps) const {
  const std::uint64_t head = prefix_index::load8(line);
  const std::uint64_t tail =
      line.size() > 8 ? prefix_index::load8(line.substr(8)) : 0;
  if (line.size() >= 8)
    if (const table_row* row = match_index(by8_, line, head, tail, caps))
      return row;
  if (line.size() >= 4)
    if (const table_row* row = match_index(by4_, line, head, tail, caps))
      return row;
  for (std::uint32_t i : by_first_byte_[static_cast<unsigned char>(line[0])])
    if (row_matches(rows_[i], line, caps)) return &rows_[i];
  if (line[0] >= '0' && line[0] <= '9') {
    if (const table_row* row = match_numeric(line, caps)) return row;
  }
  if (const table_row* row =
          match_unprefixed(fallback_search_, fallback_, line, caps))
    return row;
  for (std::string_view mark : kDecorations)
    if (line.size() > mark.size() && line.starts_with(mark))
      return match_as_is(line.substr(mark.size()), caps);
  return nullptr;
}

// apt's summary line, in every language: the rows that the text after the
// leading number can start, and the always-tried ones, in priority order.
// The same first match as searching every row's literal (match_unprefixed),
// without the search: a summary line cost thousands of instructions.
const table_row* format_table::match_numeric(std::string_view line,
                                             captures& caps) const {
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9')
    ++digits;
  const std::string_view rest = line.substr(digits);
  std::span<const prefix_index::candidate> indexed;
  std::uint64_t head = 0, tail = 0;
  if (rest.size() >= 4) {
    head = prefix_index::load8(rest);
    tail = rest.size() > 8 ? prefix_index::load8(rest.substr(8)) : 0;
    indexed = numeric_by_literal_.candidates(rest);
  }
  // Both lists are in priority order (positions in numeric_): merged, the
  // first row that matches is the one the full search would find.
  auto always = numeric_always_.begin();
  auto cand = indexed.begin();
  while (always != numeric_always_.end() || cand != indexed.end()) {
    if (cand != indexed.end() &&
        !prefix_index::literal_matches(*cand, rest, head, tail)) {
      ++cand;
      continue;
    }
    const bool take_always =
        cand == indexed.end() ||
        (always != numeric_always_.end() && *always < cand->row);
    const std::uint32_t k = take_always ? *always++ : (cand++)->row;
    const table_row& row = rows_[numeric_[k]];
    if (row_matches(row, line, caps)) return &row;
  }
  return nullptr;
}

// Finds, among `rows` (in priority order), the first that matches `line`:
// the literal search names the rows whose longest literal the line holds,
// which are then matched in priority order.
const table_row* format_table::match_unprefixed(
    const literal_search& search, const std::vector<std::uint32_t>& rows,
    std::string_view line, captures& caps) const {
  std::uint32_t hits[64];
  std::size_t n = 0;
  bool overflow = false;
  search.search(line, [&](std::uint32_t k) {
    if (n < 64) {
      hits[n++] = k;
    } else {
      overflow = true;
    }
  });
  if (overflow) {  // a pathological line: try every row
    for (std::uint32_t i : rows)
      if (row_matches(rows_[i], line, caps)) return &rows_[i];
    return nullptr;
  }
  return first_match(hits, n, rows, line, caps);
}

// The first of the candidate rows rows[hits[0..n)] that matches `line`:
// a position in `rows` is a priority, and a row may be named twice.
const table_row* format_table::first_match(
    std::uint32_t* hits, std::size_t n, const std::vector<std::uint32_t>& rows,
    std::string_view line, captures& caps) const {
  std::sort(hits, hits + n);
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0 && hits[k] == hits[k - 1]) continue;
    const table_row& row = rows_[rows[hits[k]]];
    if (row_matches(row, line, caps)) return &row;
  }
  return nullptr;
}

}  // namespace aptparse::detail

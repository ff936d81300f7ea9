#include "classify/format_table.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_map>

#include "aptparse/events.h"
#include "classify/printf_format.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

struct source_row {
  match_kind match;
  line_kind kind;
  std::uint8_t arg;
  std::uint8_t arg2;
  const char* msgid;
};

#define S(x) static_cast<std::uint8_t>(pkg_set::x)
#define H(x) header_##x
#define L(x) static_cast<std::uint8_t>(message_level::x)
#define A(x) static_cast<std::uint8_t>(dpkg_act::x)
#define R(x) record_##x
#define ROW(m, k, a, a2, text) {match_kind::m, line_kind::k, a, a2, text},
constexpr source_row kEnglish[] = {
#include "classify/tables/apt_en.inc"
#include "classify/tables/apt_logs.inc"
#include "classify/tables/dpkg_en.inc"
#include "classify/tables/ubuntu_pro.inc"
};

// Text that apt prints, untranslated, before a translated string: the tree
// mark of apt 3.0's "└─ in /boot: ..." line (or its ASCII form). A line that
// matches nothing is matched again without it.
constexpr std::string_view kDecorations[] = {"\u2514\u2500 ", "- "};
#undef ROW
#undef R
#undef A
#undef L
#undef H
#undef S

struct translation {
  const char* lang;
  const char* msgid;
  const char* msgstr;
};
#define TR(lang, id, str) {lang, id, str},
constexpr translation kTranslations[] = {
#include "classify/tables/translations.inc"
};
#undef TR

using msgid_index =
    std::unordered_map<std::string_view, std::vector<const source_row*>>;

// Keeps a format row's literals and conversion kinds for fast_match(),
// unless two conversions touch: then only a backtracking matcher (RE2) can
// tell where one ends.
void set_fast_match(const printf_format& f, table_row& row) {
  if (f.conversions.size() > max_captures) return;
  for (std::size_t i = 1; i + 1 < f.literals.size(); ++i)
    if (f.literals[i].empty()) return;
  row.literals = f.literals;
  row.numeric.clear();
  for (const auto& c : f.conversions) row.numeric.push_back(c.numeric);
}

std::shared_ptr<re2::RE2> compile_regex(const std::string& pattern) {
  re2::RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_dot_nl(true);
  auto re = std::make_shared<re2::RE2>(pattern, opt);
  if (!re->ok()) return nullptr;
  return re;
}

}  // namespace

void compile_format(std::string_view format, std::string& regex,
                    std::vector<int>& arg_of_group) {
  const printf_format f = printf_format::parse(format);
  regex += f.regex();
  for (const auto& c : f.conversions) arg_of_group.push_back(c.arg);
}

const format_table& format_table::instance() {
  static const format_table table;
  return table;
}

format_table::format_table() {
  msgid_index by_id;
  for (const source_row& src : kEnglish) by_id[src.msgid].push_back(&src);

  // Adds the rows of one msgid or msgstr: one per line of its text.
  auto add = [&](const source_row& src, std::string_view text,
                 std::string_view lang) {
    std::size_t line_no = 0;
    for (std::string_view line : split_lines(text)) {
      // Lines are matched trimmed, so patterns are too; a prefix keeps its
      // trailing space ("Inst " must not match "Installiere").
      std::string_view t =
          src.match == match_kind::prefix ? trim_left(line) : trim(line);
      if (trim(t).empty()) continue;
      table_row row;
      row.text = std::string(t);
      row.lang = std::string(lang);
      row.kind = (src.kind == line_kind::header && line_no > 0)
                     ? line_kind::header_more
                     : src.kind;
      row.arg = src.arg;
      row.arg2 = src.arg2;
      ++line_no;
      const printf_format f = printf_format::parse(t);
      const bool converts = !f.conversions.empty();
      row.literal = f.literals[0];
      row.match = src.match;
      if (row.match == match_kind::exact && converts)
        row.match = match_kind::format;
      // A prefix this short would swallow unrelated lines: match in full.
      if (row.match == match_kind::prefix && trim(row.literal).size() < 3)
        row.match = match_kind::format;
      if (row.match == match_kind::format) {
        std::string regex = f.regex();
        for (const auto& c : f.conversions) row.arg_of_group.push_back(c.arg);
        if (src.match == match_kind::prefix) regex += ".*";
        if (src.match != match_kind::prefix) set_fast_match(f, row);
        // Rows the fast matcher handles never need RE2; compiling ~3000
        // patterns would dominate the start-up of a short run.
        row.pattern = regex;
        if (row.literals.empty()) {
          row.re = compile_regex(regex);
          if (!row.re) continue;
        }
        row.required = f.longest_literal();
      }
      rows_.push_back(std::move(row));
    }
  };

  for (const source_row& src : kEnglish)
    if (src.kind != line_kind::summary) add(src, src.msgid, "");

  // The summary line is four msgids printed one after another; compose one
  // row per language and layout, falling back to the English piece where a
  // catalogue lacks one (as gettext does).
  using pieces = std::array<std::string, 4>;
  std::map<std::pair<std::string, int>, pieces> summary;
  std::array<pieces, 2> english;
  for (const source_row& src : kEnglish)
    if (src.kind == line_kind::summary) english[src.arg2][src.arg] = src.msgid;

  for (const translation& tr : kTranslations) {
    auto it = by_id.find(tr.msgid);
    if (it == by_id.end()) continue;
    for (const source_row* src : it->second) {
      if (src->kind != line_kind::summary) {
        add(*src, tr.msgstr, tr.lang);
        continue;
      }
      auto key = std::make_pair(std::string(tr.lang), int{src->arg2});
      auto [entry, fresh] = summary.try_emplace(key, english[src->arg2]);
      entry->second[src->arg] = tr.msgstr;
    }
  }
  add_summary_row("", 0, english[0]);
  add_summary_row("", 1, english[1]);
  for (const auto& [key, p] : summary)
    add_summary_row(key.first, key.second, p);
  index_rows();
}

void format_table::add_summary_row(std::string_view lang, int layout,
                                   const std::array<std::string, 4>& p) {
  // apt prints piece 0, then piece 1 only if something is reinstalled and
  // piece 2 only if something is downgraded, then piece 3: four possible
  // lines, each a plain format of its own. Each piece numbers its own
  // arguments; they are shifted so that args index the six counts
  // (upgraded, installed, reinstalled, downgraded, to remove, not upgraded).
  static constexpr int kFirstCount[4] = {0, 2, 3, 4};
  std::array<printf_format, 4> pieces;
  for (int i = 0; i < 4; ++i) {
    std::string_view piece = p[i];
    if (i == 0) piece = trim_left(piece);
    if (i == 3) piece = trim_right(piece);
    pieces[i] = printf_format::parse(piece);
    for (auto& c : pieces[i].conversions) c.arg += kFirstCount[i];
  }
  for (int optional = 0; optional < 4; ++optional) {
    printf_format f = pieces[0];
    for (int i = 1; i < 4; ++i) {
      if ((i == 1 && !(optional & 1)) || (i == 2 && !(optional & 2))) continue;
      f.append(pieces[i]);
    }
    table_row row;
    row.kind = line_kind::summary;
    row.match = match_kind::format;
    row.lang = std::string(lang);
    row.arg2 = static_cast<std::uint8_t>(layout);
    row.literal = f.literals[0];
    row.text = p[0] + p[1] + p[2] + p[3];
    row.required = f.longest_literal();
    row.pattern = f.regex();
    for (const auto& c : f.conversions) row.arg_of_group.push_back(c.arg);
    set_fast_match(f, row);
    if (row.literals.empty()) {
      row.re = compile_regex(row.pattern);
      if (!row.re) continue;
    }
    rows_.push_back(std::move(row));
  }
}

void format_table::index_rows() {
  for (auto& bucket : by_first_byte_) bucket.clear();
  fallback_.clear();
  // Within a bucket, exact rows come first (a header never loses to another
  // language's prefix), then the longest literal prefix, then the most
  // literal text in all ("%s (%s) over (%s) ..." before "%s (%s) ...").
  std::vector<std::uint32_t> order(rows_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    const table_row& x = rows_[a];
    const table_row& y = rows_[b];
    bool xe = x.match == match_kind::exact, ye = y.match == match_kind::exact;
    if (xe != ye) return xe;
    if (x.literal.size() != y.literal.size())
      return x.literal.size() > y.literal.size();
    const auto xs = x.text.size() - x.arg_of_group.size() * 2;
    const auto ys = y.text.size() - y.arg_of_group.size() * 2;
    if (xs != ys) return xs > ys;
    return x.lang.empty() && !y.lang.empty();  // English is the most common
  });
  for (std::uint32_t i : order) {
    const table_row& row = rows_[i];
    const bool exact = row.match == match_kind::exact;
    if (row.literal.size() >= 8) {
      by8_.add(i, row.literal, exact);
    } else if (row.literal.size() >= 4) {
      by4_.add(i, row.literal, exact);
    } else if (!row.literal.empty()) {
      by_first_byte_[static_cast<unsigned char>(row.literal[0])].push_back(i);
    } else if (row.pattern.rfind("([0-9]+)", 0) == 0) {
      numeric_.push_back(i);
    } else {
      fallback_.push_back(i);
    }
  }
  by8_.build();
  by4_.build();
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
  for (std::uint32_t k = 0; k < fallback_.size(); ++k)
    fallback_search_.add(k, rows_[fallback_[k]].required);
}

bool format_table::row_matches(const table_row& row, std::string_view line,
                               captures& caps) const {
  switch (row.match) {
    case match_kind::exact:
      return line == row.text;
    case match_kind::prefix:
      return line.starts_with(row.literal);
    case match_kind::format:
      break;
  }
  if (!line.starts_with(row.literal)) return false;
  if (!row.literals.empty()) return fast_match(row, line, caps);
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
// literal; each number takes the digits. Enough for apt's formats, whose
// values never contain the literal that follows them.
bool format_table::fast_match(const table_row& row, std::string_view line,
                              captures& caps) const {
  std::size_t pos = row.literals[0].size();
  const std::size_t n = row.numeric.size();
  std::array<std::string_view, max_captures> groups{};
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& next = row.literals[i + 1];
    std::size_t end;
    if (row.numeric[i]) {
      end = pos;
      while (end < line.size() && line[end] >= '0' && line[end] <= '9') ++end;
      if (end == pos) return false;
      if (line.compare(end, next.size(), next) != 0) return false;
    } else if (i + 1 == n) {
      if (line.size() < pos + next.size() || !line.ends_with(next))
        return false;
      end = line.size() - next.size();
    } else {
      end = line.find(next, pos);
      if (end == std::string_view::npos) return false;
    }
    groups[i] = line.substr(pos, end - pos);
    pos = end + next.size();
  }
  if (pos != line.size()) return false;
  caps.clear();
  for (std::size_t i = 0; i < n; ++i) {
    int a = row.arg_of_group[i];
    if (a < 0 || a >= max_captures) continue;
    caps.set(a, groups[i]);
  }
  return true;
}

const table_row* format_table::match(std::string_view line,
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
      return match(line.substr(mark.size()), caps);
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
  std::uint32_t hits[64];
  std::size_t n = 0;
  for (std::uint32_t k : numeric_always_) {
    if (n == std::size(hits))
      return match_unprefixed(numeric_search_, numeric_, line, caps);
    hits[n++] = k;
  }
  if (rest.size() >= 4) {
    const std::uint64_t head = prefix_index::load8(rest);
    const std::uint64_t tail =
        rest.size() > 8 ? prefix_index::load8(rest.substr(8)) : 0;
    for (const prefix_index::candidate& c :
         numeric_by_literal_.candidates(rest)) {
      if (!prefix_index::literal_matches(c, rest, head, tail)) continue;
      if (n == std::size(hits))
        return match_unprefixed(numeric_search_, numeric_, line, caps);
      hits[n++] = c.row;
    }
  }
  std::sort(hits, hits + n);  // position in numeric_ is priority
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0 && hits[k] == hits[k - 1]) continue;
    const table_row& row = rows_[numeric_[hits[k]]];
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
  std::sort(hits, hits + n);  // row order is priority
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0 && hits[k] == hits[k - 1]) continue;
    const table_row& row = rows_[rows[hits[k]]];
    if (row_matches(row, line, caps)) return &row;
  }
  return nullptr;
}

}  // namespace aptparse::detail

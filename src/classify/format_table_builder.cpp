#include "classify/format_table_builder.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <span>
#include <string>

#include "classify/spaces.h"
#include "util/text.h"

namespace aptparse::detail {
namespace {

// The English tables. Each macro names what its string means.
constexpr bool whole_line = true, after_prefix = false;
constexpr std::uint8_t record_none = 0;
constexpr bool hold_held = true, hold_released = false;
#define ROW(m, k, text) {match_kind::m, line_kind::k, {}, 0, text},
#define HEADER(m, s, r, text)        \
  {match_kind::m, line_kind::header, \
   list_header{pkg_set::s, hold_reason::r, false}, 0, text},
#define HEADER_AUTOMATIC(m, s, text) \
  {match_kind::m, line_kind::header, \
   list_header{pkg_set::s, hold_reason::none, true}, 0, text},
#define SUMMARY(l, piece, text)            \
  {match_kind::format, line_kind::summary, \
   summary_counts{summary_counts::l, false}, piece, text},
#define MESSAGE(level, text_is, text)      \
  {match_kind::prefix, line_kind::message, \
   message_text{message_level::level, text_is}, 0, text},
#define DPKG(a, text)                                                       \
  {match_kind::format, line_kind::dpkg_action, dpkg_action{dpkg_act::a}, 0, \
   text},
#define RECORD(s, f, text)                                                    \
  {match_kind::prefix, line_kind::record, log_record{pkg_set::s, record_##f}, \
   0, text},
#define HOLD(h, text) \
  {match_kind::format, line_kind::hold_mark, hold_change{hold_##h}, 0, text},
#define KEY(f, r, text)                    \
  {match_kind::prefix, line_kind::log_key, \
   log_key{record_field::f, key_role::r}, 0, text},
#define LIST_STATUS(a, f, text)                \
  {match_kind::format, line_kind::list_status, \
   list_status{static_cast<std::uint16_t>(f), list_status::a}, 0, text},
const source_row kEnglish[] = {
#include "classify/tables/apt_en.inc"
#include "classify/tables/apt_logs.inc"
#include "classify/tables/dpkg_en.inc"
#include "classify/tables/ubuntu_pro.inc"
};
#undef KEY
#undef LIST_STATUS
#undef HOLD
#undef RECORD
#undef DPKG
#undef MESSAGE
#undef SUMMARY
#undef HEADER_AUTOMATIC
#undef HEADER
#undef ROW

// Views, not pointers: their lengths are counted at compile time.
struct translation {
  std::string_view lang;
  std::string_view msgid;
  std::string_view msgstr;
};
struct summary_translation {
  std::string_view lang;
  summary_counts::layout_t layout;
  std::array<std::string_view, 4> pieces;
};
constexpr summary_counts::layout_t classic = summary_counts::classic,
                                   apt3 = summary_counts::apt3;
// A literal's view by its size: clang's constant evaluation of strlen over
// the catalogues' long strings hit its step limit.
#define SV(literal) std::string_view(literal, sizeof(literal) - 1)
#define TR(lang, id, str) {SV(lang), SV(id), SV(str)},
#define TR_SUMMARY(lang, layout, p0, p1, p2, p3)
constexpr translation kTranslations[] = {
#include "classify/tables/translations.inc"
};
#undef TR_SUMMARY
#undef TR
#define TR(lang, id, str)
#define TR_SUMMARY(lang, layout, p0, p1, p2, p3) \
  {SV(lang), layout, {SV(p0), SV(p1), SV(p2), SV(p3)}},
constexpr summary_translation kSummaryTranslations[] = {
#include "classify/tables/translations.inc"
};
#undef TR_SUMMARY
#undef TR
#undef SV

constexpr std::uint32_t kNone = ~std::uint32_t{0};

// A hash of a text's size and of its first, middle and last eight bytes:
// enough to spread the tables' texts (a hash table compares equal hashes'
// texts in full), without reading every byte of ~20,000 texts at start.
std::uint64_t sketch(std::string_view s) {
  std::uint64_t h = s.size() * 0x9E3779B97F4A7C15ull;
  const auto mix = [&h](std::uint64_t v) {
    h = (h ^ v) * 0xff51afd7ed558ccdull;
  };
  if (s.size() >= 8) {  // fixed-size loads, inline
    for (const std::size_t at :
         {std::size_t{0}, (s.size() - 8) / 2, s.size() - 8}) {
      std::uint64_t v;
      std::memcpy(&v, s.data() + at, 8);
      mix(v);
    }
  } else {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
      v |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
    mix(v);
  }
  return h ^ (h >> 32);
}

// The English rows by msgid (a translation applies to every row of its
// msgid), in source order: a flat hash table of each msgid's first row and
// a chain per row, so that no node or vector is allocated per msgid.
class msgid_index {
 public:
  explicit msgid_index(std::span<const source_row> rows)
      : rows_(rows),
        first_(std::bit_ceil(2 * rows.size()), kNone),
        next_(rows.size(), kNone) {
    // Backwards, each row put before the chain: chains in source order.
    for (std::size_t i = rows.size(); i-- > 0;) {
      std::uint32_t& head = first_[slot(rows[i].msgid)];
      next_[i] = head;
      head = static_cast<std::uint32_t>(i);
    }
  }
  // The first row of `msgid`, or kNone; next(i): the row after row i.
  std::uint32_t first(std::string_view msgid) const {
    return first_[slot(msgid)];
  }
  std::uint32_t next(std::uint32_t i) const { return next_[i]; }

 private:
  // Open addressing, linear probing: the slot of `msgid`, or the empty
  // slot where it belongs.
  std::size_t slot(std::string_view msgid) const {
    const std::size_t mask = first_.size() - 1;
    std::size_t i = sketch(msgid) & mask;
    while (first_[i] != kNone && rows_[first_[i]].msgid != msgid)
      i = (i + 1) & mask;
    return i;
  }

  std::span<const source_row> rows_;
  std::vector<std::uint32_t> first_;  // per slot: a msgid's first row
  std::vector<std::uint32_t> next_;   // per row: the next of its msgid
};

// Keeps a format row's literals and conversion kinds for fast_match(),
// unless two conversions touch: then only a backtracking matcher (RE2) can
// tell where one ends. A prefix row (open_end: its RE2 pattern ends in
// ".*") qualifies without numbers: each lazy "(.*?)" then ends at the
// first occurrence of the next literal, which is what fast_match takes.
void set_fast_match(const printf_format& f, table_row& row, bool open_end) {
  if (f.conversions.size() > max_captures) return;
  for (std::size_t i = 1; i + 1 < f.literals.size(); ++i)
    if (f.literals[i].empty()) return;
  if (open_end)
    for (const auto& c : f.conversions)
      if (c.numeric) return;
  row.open_end = open_end;
  for (const std::string& l : f.literals) row.literals.push_back(l);
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

std::string normalised(std::string_view s) {
  std::string out;
  normalise_spaces(s, out);
  return out;
}

// The normal form of a piece of text that more text follows: a space at
// its end separates it from the next and stays (as one U+0020).
std::string normalised_keeping_end(std::string_view s) {
  std::string out = normalised(std::string(s) + "x");
  out.pop_back();
  return out;
}

// The form of a row: what decides which lines it matches. A format row
// that fast_match() can match is its literals and arguments (the text of a
// summary row is all four pieces, whichever it prints); any other row is
// its text.
bool same_form(const table_row& a, const table_row& b) {
  return a.literals == b.literals && a.arg_of_group == b.arg_of_group &&
         a.open_end == b.open_end && (!a.literals.empty() || a.text == b.text);
}

// A hash of the form (rows of equal form have equal hashes), with no
// allocation: ~10,000 rows are hashed at start.
std::uint64_t form_hash(const table_row& row) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  const auto mix = [&h](std::string_view s) {
    h = (h ^ sketch(s)) * 0x100000001b3ull;
  };
  if (row.literals.empty()) mix(row.text);
  for (std::string_view l : row.literals) mix(l);
  for (int a : row.arg_of_group) h = (h ^ static_cast<unsigned>(a)) * 31;
  return h ^ (row.open_end ? 1 : 0) ^ (row.literals.size() << 1);
}

}  // namespace

std::vector<table_row> format_table_builder::build() {
  rows_.clear();
  next_of_form_.clear();
  // Every English row, translation and composition of the summary line is
  // at most a row or two: no reallocation of the rows on the way.
  rows_.reserve(std::size(kEnglish) + std::size(kTranslations) +
                8 * std::size(kSummaryTranslations) + 64);
  form_slots_.assign(std::bit_ceil(2 * rows_.capacity()), form_slot{});
  const msgid_index by_id(kEnglish);
  for (const source_row& src : kEnglish)
    if (src.kind != line_kind::summary) add_text(src, src.msgid, "");
  for (const translation& tr : kTranslations)
    for (std::uint32_t i = by_id.first(tr.msgid); i != kNone; i = by_id.next(i))
      if (kEnglish[i].kind != line_kind::summary)
        add_text(kEnglish[i], tr.msgstr, tr.lang);
  // The summary line: English, then every composition a catalogue printed.
  std::array<std::array<std::string_view, 4>, 2> english;
  std::array<row_meaning, 2> layouts;
  for (const source_row& src : kEnglish) {
    if (src.kind != line_kind::summary) continue;
    const auto layout = std::get<summary_counts>(src.meaning).layout;
    english[layout][src.piece] = src.msgid;
    layouts[layout] = src.meaning;
  }
  for (int layout = 0; layout < 2; ++layout)
    add_summary("", layouts[layout], english[layout]);
  for (const summary_translation& tr : kSummaryTranslations)
    add_summary(tr.lang, layouts[tr.layout],
                {tr.pieces[0], tr.pieces[1], tr.pieces[2], tr.pieces[3]});
  return std::move(rows_);
}

// Adds the rows of one msgid or msgstr: one per line of its text.
void format_table_builder::add_text(const source_row& src,
                                    std::string_view text,
                                    std::string_view lang) {
  bool continuation = false;
  for (std::string_view rest = text; !rest.empty();) {
    const std::size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest =
        nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    // Lines are matched trimmed, so patterns are too; a prefix keeps its
    // trailing space ("Inst " must not match "Installiere").
    std::string_view t =
        src.match == match_kind::prefix ? trim_left(line) : trim(line);
    if (trim(t).empty()) continue;
    const bool more = continuation;
    continuation = true;
    add_line(src, t, lang, more);
    // Only a line with a tab, two spaces, another space character or "…"
    // has a normal form of its own: t is trimmed (a prefix keeps its final
    // space, "Inst ", which the normal form keeps too).
    if (!may_need_spaces_normalised(t)) continue;
    const std::string normal = src.match == match_kind::prefix
                                   ? normalised_keeping_end(t)
                                   : normalised(t);
    if (normal != t) add_line(src, normal, lang, more);
  }
}

void format_table_builder::add_line(const source_row& src,
                                    std::string_view line,
                                    std::string_view lang, bool continuation) {
  table_row row;
  row.text = line;
  row.lang = lang;
  // The second line of a two-line header keeps the list open.
  row.kind = (src.kind == line_kind::header && continuation)
                 ? line_kind::header_more
                 : src.kind;
  row.meaning = src.meaning;
  printf_format& f = format_;
  printf_format::parse(line, f);
  row.literal = f.literals[0];
  row.match = src.match;
  if (row.match == match_kind::exact && !f.conversions.empty())
    row.match = match_kind::format;
  // A prefix this short would swallow unrelated lines: match in full.
  if (row.match == match_kind::prefix && trim(row.literal).size() < 3)
    row.match = match_kind::format;
  if (row.match != match_kind::format) {
    keep(std::move(row));
    return;
  }
  add_format_row(std::move(row), f, src.match == match_kind::prefix);
}

bool format_table_builder::add_format_row(table_row row, const printf_format& f,
                                          bool prefix) {
  if (f.conversions.size() > row.arg_of_group.capacity()) return false;
  row.literal = f.literals[0];
  row.required = f.longest_literal();
  row.starts_with_number = f.literals[0].empty() && !f.conversions.empty() &&
                           f.conversions[0].numeric;
  for (const auto& c : f.conversions) row.arg_of_group.push_back(c.arg);
  set_fast_match(f, row, prefix);
  // Rows the fast matcher handles never need RE2; compiling ~3000
  // patterns would dominate the start-up of a short run.
  if (row.literals.empty()) {
    row.re = compile_regex(prefix ? f.regex() + ".*" : f.regex());
    if (!row.re) return false;
  }
  keep(std::move(row));
  return true;
}

void format_table_builder::keep(table_row row) {
  const std::uint64_t form = form_hash(row);
  const auto index = static_cast<std::uint32_t>(rows_.size());
  form_slot& slot = find_form(form);
  for (std::uint32_t i = slot.newest; i != kNone; i = next_of_form_[i]) {
    const table_row& r = rows_[i];
    if (same_form(r, row) && r.match == row.match && r.kind == row.kind &&
        r.meaning == row.meaning)
      return;
  }
  // Rows of one form hash are chained, the newest first.
  next_of_form_.push_back(slot.newest);
  slot = form_slot{form, index};
  rows_.push_back(std::move(row));
  own_text(rows_.back());
  if (2 * rows_.size() > form_slots_.size()) grow_forms();
}

// Until kept, a row's views point into the line or format being read;
// `lang` is static.
void format_table_builder::own_text(table_row& row) {
  row.text = text_.store(row.text);
  row.literal = text_.store(row.literal);
  row.required = text_.store(row.required);
  for (std::string_view& l : row.literals) l = text_.store(l);
}

// Open addressing, linear probing: the slot of `form`, or the empty slot
// where it belongs.
format_table_builder::form_slot& format_table_builder::find_form(
    std::uint64_t form) {
  const std::size_t mask = form_slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(form ^ (form >> 29)) & mask;
  while (form_slots_[i].newest != kNone && form_slots_[i].hash != form)
    i = (i + 1) & mask;
  return form_slots_[i];
}

void format_table_builder::grow_forms() {
  std::vector<form_slot> old(2 * form_slots_.size(), form_slot{});
  old.swap(form_slots_);
  for (const form_slot& s : old)
    if (s.newest != kNone) find_form(s.hash) = s;
}

void format_table_builder::add_summary(
    std::string_view lang, const row_meaning& layout,
    const std::array<std::string_view, 4>& p) {
  // apt prints piece 0, then piece 1 only if something is reinstalled and
  // piece 2 only if something is downgraded, then piece 3: four possible
  // lines, each a plain format of its own. Each piece numbers its own
  // arguments; they are shifted so that args index the six counts
  // (upgraded, installed, reinstalled, downgraded, to remove, not upgraded).
  static constexpr int kFirstCount[4] = {0, 2, 3, 4};
  std::string plain_format;
  std::array<printf_format, 4>& pieces = pieces_;
  for (const bool in_normal_form : {false, true}) {
    std::string text, format;
    for (int i = 0; i < 4; ++i) {
      std::string_view piece = p[i];
      if (i == 0) piece = trim_left(piece);
      if (i == 3) piece = trim_right(piece);
      // The normal form only in its pass (it was half the summary's cost).
      const std::string normal =
          in_normal_form ? normalised_keeping_end(piece) : std::string();
      text += in_normal_form ? std::string_view(normal) : p[i];
      if (in_normal_form) piece = normal;
      format += piece;
      printf_format::parse(piece, pieces[i]);
      for (auto& c : pieces[i].conversions) c.arg += kFirstCount[i];
    }
    if (in_normal_form && format == plain_format) break;
    plain_format = format;
    for (int optional = 0; optional < 4; ++optional) {
      printf_format& f = format_;
      f = pieces[0];
      for (int i = 1; i < 4; ++i) {
        if ((i == 1 && !(optional & 1)) || (i == 2 && !(optional & 2)))
          continue;
        f.append(pieces[i]);
      }
      table_row row;
      row.kind = line_kind::summary;
      row.match = match_kind::format;
      row.lang = lang;
      row.meaning = layout;
      row.text = text;
      add_format_row(std::move(row), f, false);
    }
  }
}

}  // namespace aptparse::detail

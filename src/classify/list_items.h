// Stage 2b: the packages on one line of a package list.
//
// apt prints list items as names joined by spaces (classic), in columns
// (apt 3.0), or one per line with versions (-V):
//   "  foo bar:i386 baz*"           names, foreign arch, purge marker
//   "   foo (1.0-1 => 1.1-1)"        -V, old => new
//   "   foo (1.0-1)"                 -V, one version
//   "  a | b c"                      or-groups in Suggested/Recommended
//   "  libc6 (due to libc-bin)"      essential removals
//   " foo : Depends: bar but ..."    unmet dependencies (first token only)
#ifndef APTPARSE_SRC_CLASSIFY_LIST_ITEMS_H_
#define APTPARSE_SRC_CLASSIFY_LIST_ITEMS_H_

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "aptparse/events.h"
#include "classify/line_bits.h"
#include "util/text.h"

namespace aptparse::detail {

// What the open list header said about its packages.
struct list_context {
  pkg_set set = pkg_set::upgraded;
  hold_reason reason = hold_reason::none;
  std::uint8_t flags = 0;  // package_flag bits every item gets
};

// The package every item of such a list starts as: the context's set,
// reason and flags, nothing printed yet. The tokenisers copy it per item
// instead of zeroing a package_ref: GCC zeroes the 124 bytes with `rep
// stos`, whose start-up cost was a quarter of list parsing on AMD cores.
inline package_ref list_item(const list_context& ctx) noexcept {
  package_ref item;
  item.set = ctx.set;
  item.reason = ctx.reason;
  item.flags = ctx.flags;
  return item;
}

// Splits a package name as printed, "name" or "name:arch", at its first
// ':' (at `colon`; colon >= name.size(): none): `name` keeps the name,
// `arch` gets the rest. Returns whether it was qualified. In place: a
// returned struct cost the list tokeniser ~3 instructions an item.
inline bool split_qualified(std::string_view& name, std::string_view& arch,
                            std::size_t colon) noexcept {
  if (colon >= name.size()) return false;
  arch = name.substr(colon + 1);
  name = name.substr(0, colon);
  return true;
}

// Fills the name, arch and flags of `pkg` from a list token ("foo:i386*")
// whose first ':' is at `colon` (npos: none).
inline void set_name(package_ref& pkg, std::string_view token,
                     std::size_t colon) {
  // The purge marker: apt appends '*' to names in the removal list.
  if (pkg.set == pkg_set::to_remove && !token.empty() && token.back() == '*') {
    token.remove_suffix(1);
    pkg.flags |= flag_purge;
  }
  if (split_qualified(token, pkg.arch, colon)) pkg.arch_qualified = true;
  pkg.name = token;
}

// The same, searching the token for its ':'. Inline: it runs for every
// package mention.
inline void set_name(package_ref& pkg, std::string_view token) {
  set_name(pkg, token, find_short<':'>(token));
}

// The index of the ')' that closes the '(' at line[open], or line.size().
// A group without a nested '(' (every -V version group) is found by two
// eight-byte searches instead of a byte loop.
inline std::size_t group_end(std::string_view line, std::size_t open) {
  const std::string_view rest = line.substr(open + 1);
  const std::size_t close = find_short<')'>(rest);
  if (find_short<'('>(rest.substr(0, close)) == std::string_view::npos)
    return close == std::string_view::npos ? line.size() : open + 1 + close;
  int depth = 0;
  std::size_t j = open;
  for (; j < line.size(); ++j) {
    if (line[j] == '(') ++depth;
    if (line[j] == ')' && --depth == 0) break;
  }
  return j;
}

// Sets whose single version is the installed one (apt's CurrentVersion).
inline bool shows_current_version(pkg_set set) noexcept {
  switch (set) {
    case pkg_set::to_remove:
    case pkg_set::autoremovable:
    case pkg_set::essential_removed:
    case pkg_set::disappeared:
    case pkg_set::broken:
      return true;
    default:
      return false;
  }
}

// apply_group for a group that holds a blank ("old => new", a note) or
// nothing.
void apply_spaced_group(package_ref& pkg, std::string_view inside,
                        std::size_t blank);

// Applies a parenthesised group that follows an item: "old => new", one
// version (old for removals, new otherwise), or other text (a note).
// `blank` is the index of its first ' ' or '\t' (inside.size(): none).
// Inline: the common -V group, one version, decides at its first blank.
inline void apply_group(package_ref& pkg, std::string_view inside,
                        std::size_t blank) {
  if (blank == inside.size() && !inside.empty()) {
    (shows_current_version(pkg.set) ? pkg.old_version : pkg.new_version) =
        inside;
    return;
  }
  apply_spaced_group(pkg, inside, blank);
}
inline void apply_group(package_ref& pkg, std::string_view inside) {
  apply_group(pkg, inside, find_blank(inside, 0));
}

// Names the next item of a list line, `pkg` a fresh copy of list_item:
// the name of `token` (its first ':' at `colon`), maybe an alternative.
inline void name_item(package_ref& pkg, bool alternative,
                      std::string_view token, std::size_t colon) {
  if (alternative) pkg.flags |= flag_alternative;
  set_name(pkg, token, colon);
}

// Fills versions and flags from the parentheses of a history.log entry.
void apply_record_group(package_ref& pkg, std::string_view inside,
                        std::uint8_t record_flags);

// True iff every item on `line` (as parse_list_line reads it, in a
// removal list, so a purge marker may follow) is named as Debian Policy
// names packages: [a-z0-9][a-z0-9+.-]+, maybe ":arch". The shape of a list
// line, whatever the header above it said.
bool is_package_list_line(std::string_view line);

// The items of a list line by searching for each token's end: lines
// outside line_bits' range, and the reference the tests hold the bit path
// to. Not the unmet-dependency list (parse_list_line handles it).
template <class Emit>
void parse_items_by_search(std::string_view line, const package_ref& item,
                           Emit&& emit) {
  const std::size_t n = line.size();
  std::size_t i = 0;
  package_ref pending = item;
  bool have = false;
  bool alternative = false;
  while (true) {
    while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= n) break;
    if (line[i] == '(') {
      const std::size_t j = group_end(line, i);
      if (have) apply_group(pending, line.substr(i + 1, j - i - 1));
      i = j < n ? j + 1 : n;
      continue;
    }
    std::size_t start = i;
    i = find_blank(line, i);
    std::string_view token = line.substr(start, i - start);
    if (token == "|") {
      alternative = true;
      continue;
    }
    if (have) emit(pending);
    pending = item;
    name_item(pending, alternative, token, find_short<':'>(token));
    alternative = false;
    have = true;
  }
  if (have) emit(pending);
}

// The index of the ')' that closes the group opening at line[i] (a '('),
// n if none: the first ')' after it, past any ':' (an epoch); a nested '('
// before it: the depth loop decides. `mark` is the line's mark mask, `end`
// its sentinel bit (1 << n).
inline std::size_t group_close_by_bits(std::string_view line,
                                       std::uint64_t mark, std::uint64_t end,
                                       std::size_t i) {
  const std::size_t n = line.size();
  for (std::uint64_t m = (mark & bits_from(i + 1)) | end;; m &= m - 1) {
    const std::size_t j = lowest_bit(m);
    if (j == n || line[j] == ')') return j;
    if (line[j] == '(') return group_end(line, i);
  }
}

// The commonest list line of apt-get -V, one item with one group ("name
// (1.0 => 2.0)", "name (1.0)") ending the line, read from the masks by
// a few bit scans: the walk below, with its loops and '|' tests, cost
// ~100 instructions such a line. Returns false (nothing emitted) for any
// other line, which the walk then reads; where it returns true, the walk
// would make the same item. `blank` holds the sentinel bit (1 << n).
template <class Emit>
bool parse_one_versioned_item(std::string_view line, const line_bits& b,
                              std::uint64_t blank, const package_ref& item,
                              Emit&& emit) {
  const std::size_t n = line.size();
  if (n < 4 || line[n - 1] != ')') return false;
  const std::uint64_t text = ~blank & ~bits_from(n);  // n < 64
  const std::size_t i = lowest_bit(text);             // text has bit n - 1
  const std::size_t next = lowest_bit(blank & bits_from(i));
  if (next >= n || line[i] == '(' || line[i] == '|') return false;
  const std::size_t open = lowest_bit(text & bits_from(next));
  if (line[open] != '(') return false;
  // The group closes at its first ')' unless a '(' comes first (the
  // walk's group_close_by_bits): here, the line's last byte.
  std::uint64_t m = b.mark & bits_from(open + 1);  // has bit n - 1
  while (line[lowest_bit(m)] == ':') m &= m - 1;
  if (lowest_bit(m) != n - 1) return false;
  std::size_t colon = std::string_view::npos;
  for (m = b.mark & bits_from(i) & ~bits_from(next); m != 0; m &= m - 1)
    if (line[lowest_bit(m)] == ':') {
      colon = lowest_bit(m) - i;
      break;
    }
  // Views, not substr: i < next < open < n - 1, and substr's bounds
  // checks cost ~10 a line.
  const char* p = line.data();
  package_ref pkg = item;
  name_item(pkg, false, std::string_view(p + i, next - i), colon);
  const std::size_t first = lowest_bit(blank & bits_from(open + 1));
  apply_group(pkg, std::string_view(p + open + 1, n - 2 - open),
              std::min(first, n - 1) - (open + 1));
  emit(pkg);
  return true;
}

// The same items from the line's bit masks (line_bits.h): each token's
// end and a group's first blank are bit scans; its ':' and a group's ')'
// are the first marks of the kind, which the byte at each tells apart.
// `line.size() <= kLineBitsMax`. Each name's package is made at its token
// and emitted once the groups and '|' after it are read: no package is
// held between the loop's turns, so none is made (or zeroed) for nothing.
template <class Emit>
void parse_items_by_bits(std::string_view line, const package_ref& item,
                         Emit&& emit) {
  const std::size_t n = line.size();
  const line_bits b = line_bits_of(line);
  const std::uint64_t end = std::uint64_t{1} << n;  // n < 64: the sentinel
  const std::uint64_t blank = b.blank | end;
  if (parse_one_versioned_item(line, b, blank, item, emit)) return;
  std::uint64_t todo = ~blank & (end - 1);  // the bytes not yet read
  bool alternative = false;
  // The token [i, next) is "|", which marks the next name an alternative.
  const auto bar = [&](std::size_t i, std::size_t next) {
    return next == i + 1 && line[i] == '|';
  };
  while (todo != 0) {
    std::size_t i = lowest_bit(todo);
    if (line[i] == '(') [[unlikely]] {  // before any name: applies to none
      const std::size_t j = group_close_by_bits(line, b.mark, end, i);
      todo &= bits_from(j < n ? j + 1 : n);
      continue;
    }
    std::size_t next = lowest_bit(blank & bits_from(i));
    todo &= bits_from(next);
    if (bar(i, next)) [[unlikely]] {
      alternative = true;
      continue;
    }
    std::size_t colon = std::string_view::npos;
    for (std::uint64_t m = b.mark & bits_from(i) & ~bits_from(next); m != 0;
         m &= m - 1) {
      if (line[lowest_bit(m)] == ':') {
        colon = lowest_bit(m) - i;
        break;
      }
    }
    // Views, not substr (i < next <= n; below, i < j <= n): no bounds
    // checks.
    package_ref pkg = item;
    name_item(pkg, alternative, std::string_view(line.data() + i, next - i),
              colon);
    alternative = false;
    // The groups and '|' that follow the name, up to the next name (which
    // the outer loop reads).
    while (todo != 0) {
      i = lowest_bit(todo);
      if (line[i] == '(') {
        const std::size_t j = group_close_by_bits(line, b.mark, end, i);
        const std::size_t first = lowest_bit(blank & bits_from(i + 1));
        apply_group(pkg, std::string_view(line.data() + i + 1, j - i - 1),
                    std::min(first, j) - (i + 1));
        todo &= bits_from(j < n ? j + 1 : n);
        continue;
      }
      // "|" is a '|' with a blank (or the end) after it.
      if (line[i] != '|' || ((blank >> (i + 1)) & 1) == 0) break;
      alternative = true;
      todo &= bits_from(i + 1);
    }
    emit(pkg);
  }
}

// Calls emit(const package_ref&) for each item on `line`, each made from
// `item` (list_item of the list's context).
template <class Emit>
void parse_list_line(std::string_view line, const package_ref& item,
                     Emit&& emit) {
  if (item.set == pkg_set::broken) {
    // " name : Depends: ..." starts an item; deeper lines continue it.
    const std::size_t n = line.size();
    std::size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < n && line[i] != ' ' && line[i] != '\t') ++i;
    std::size_t name_end = i;
    while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (start == name_end || i >= n || line[i] != ':') return;
    package_ref pkg = item;
    pkg.reason = hold_reason::none;
    set_name(pkg, line.substr(start, name_end - start));
    emit(pkg);
    return;
  }
  if (line.size() <= kLineBitsMax)
    parse_items_by_bits(line, item, emit);
  else
    parse_items_by_search(line, item, emit);
}

template <class Emit>
void parse_list_line(std::string_view line, const list_context& ctx,
                     Emit&& emit) {
  parse_list_line(line, list_item(ctx), emit);
}

// ' ' or '(', where a history.log entry's name ends, for find_flagged:
// action lines run to thousands of bytes, and a byte loop over their names
// was a quarter of history.log's event mode.
struct name_end_test {
  static std::uint64_t any(std::uint64_t x) noexcept {
    return swar::matches(x, ' ') | swar::matches(x, '(');
  }
  static std::uint64_t exact(std::uint64_t x) noexcept {
    return swar::exact_matches(x, ' ') | swar::exact_matches(x, '(');
  }
  static bool one(char c) noexcept { return c == ' ' || c == '('; }
};

// Calls emit(const package_ref&) for each entry of a history.log action
// line, after its key: "name:arch (version[, automatic]), ..." or, for
// Upgrade/Downgrade, "name:arch (old, new), ...". `record_flags` holds
// record_flag bits (line_kind.h). The definition: parse_record_line
// (record_line.h) tokenises the same entries from block masks.
template <class Emit>
void parse_record_line_by_search(std::string_view text, const list_context& ctx,
                                 std::uint8_t record_flags, Emit&& emit) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  list_context entry = ctx;
  entry.reason = hold_reason::none;
  entry.flags |= flag_log_arch;
  const package_ref item = list_item(entry);
  while (i < n) {
    while (i < n && (text[i] == ' ' || text[i] == ',')) ++i;
    std::size_t start = i;
    i = find_flagged<name_end_test>(text, i);
    if (start == i) break;
    package_ref pkg = item;
    set_name(pkg, text.substr(start, i - start));
    while (i < n && text[i] == ' ') ++i;
    if (i < n && text[i] == '(') {
      const std::size_t close = find_flagged<swar::char_test<')'>>(text, i);
      apply_record_group(pkg, text.substr(i + 1, close - i - 1), record_flags);
      i = close < n ? close + 1 : n;
    }
    emit(pkg);
  }
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_LIST_ITEMS_H_

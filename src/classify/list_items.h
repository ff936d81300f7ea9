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

#include <cstdint>
#include <string_view>

#include "aptparse/events.h"
#include "util/text.h"

namespace aptparse::detail {

// What the open list header said about its packages.
struct list_context {
  pkg_set set = pkg_set::upgraded;
  hold_reason reason = hold_reason::none;
  std::uint8_t flags = 0;  // package_flag bits every item gets
};

// Fills the name, arch and flags of `pkg` from a list token ("foo:i386*").
// Inline: it runs for every package mention.
inline void set_name(package_ref& pkg, std::string_view token) {
  // The purge marker: apt appends '*' to names in the removal list.
  if (pkg.set == pkg_set::to_remove && !token.empty() && token.back() == '*') {
    token.remove_suffix(1);
    pkg.flags |= flag_purge;
  }
  if (std::size_t colon = find_short<':'>(token);
      colon != std::string_view::npos) {
    pkg.arch = token.substr(colon + 1);
    pkg.arch_qualified = true;
    token = token.substr(0, colon);
  }
  pkg.name = token;
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

// Applies a parenthesised group that follows an item: "old => new", one
// version (old for removals, new otherwise), or other text (a note).
void apply_group(package_ref& pkg, std::string_view inside);

// Fills versions and flags from the parentheses of a history.log entry.
void apply_record_group(package_ref& pkg, std::string_view inside,
                        std::uint8_t record_flags);

// True iff every item on `line` (as parse_list_line reads it, in a
// removal list, so a purge marker may follow) is named as Debian Policy
// names packages: [a-z0-9][a-z0-9+.-]+, maybe ":arch". The shape of a list
// line, whatever the header above it said.
bool is_package_list_line(std::string_view line);

// Calls emit(const package_ref&) for each item on `line`.
template <class Emit>
void parse_list_line(std::string_view line, const list_context& ctx,
                     Emit&& emit) {
  const std::size_t n = line.size();
  std::size_t i = 0;
  auto skip_spaces = [&] {
    while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
  };
  if (ctx.set == pkg_set::broken) {
    // " name : Depends: ..." starts an item; deeper lines continue it.
    skip_spaces();
    std::size_t start = i;
    while (i < n && line[i] != ' ' && line[i] != '\t') ++i;
    std::size_t name_end = i;
    skip_spaces();
    if (start == name_end || i >= n || line[i] != ':') return;
    package_ref pkg;
    pkg.set = ctx.set;
    pkg.flags = ctx.flags;
    set_name(pkg, line.substr(start, name_end - start));
    emit(pkg);
    return;
  }
  package_ref pending;
  bool have = false;
  bool alternative = false;
  while (true) {
    skip_spaces();
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
    pending = package_ref{};
    pending.set = ctx.set;
    pending.reason = ctx.reason;
    pending.flags = ctx.flags;
    if (alternative) pending.flags |= flag_alternative;
    alternative = false;
    set_name(pending, token);
    have = true;
  }
  if (have) emit(pending);
}

// Calls emit(const package_ref&) for each entry of a history.log action
// line, after its key: "name:arch (version[, automatic]), ..." or, for
// Upgrade/Downgrade, "name:arch (old, new), ...". `record_flags` holds
// record_flag bits (line_kind.h).
template <class Emit>
void parse_record_line(std::string_view text, const list_context& ctx,
                       std::uint8_t record_flags, Emit&& emit) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && (text[i] == ' ' || text[i] == ',')) ++i;
    std::size_t start = i;
    while (i < n && text[i] != ' ' && text[i] != '(') ++i;
    if (start == i) break;
    package_ref pkg;
    pkg.set = ctx.set;
    pkg.flags = ctx.flags | flag_log_arch;
    set_name(pkg, text.substr(start, i - start));
    while (i < n && text[i] == ' ') ++i;
    if (i < n && text[i] == '(') {
      std::size_t close = text.find(')', i);
      if (close == std::string_view::npos) close = n;
      apply_record_group(pkg, text.substr(i + 1, close - i - 1), record_flags);
      i = close < n ? close + 1 : n;
    }
    emit(pkg);
  }
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_LIST_ITEMS_H_

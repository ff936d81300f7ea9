// A transaction -> one JSON object (JSON Lines).
// The schema is documented in README.md; keys are only ever added.
//
// Speed: each part of the object (the head, a package, a message, ...)
// reserves the most it can write in one room() call and is then written
// through a plain pointer (a package reserves a fixed room, and only its
// rare long or escaped strings make more): keys are literals copied with
// fixed-size moves (a run of empty sets, each set flag: json/flag_keys.h,
// and all after "security_count" of a transaction without counts:
// json/literals.h), plain strings of up to 32 bytes are checked and
// copied inline (json/escape.h), numbers are written two digits at a time
// (json/number.h). See "JSON writer" and "JSON writer, round 6" in
// bench/PROFILE.md for what it costs.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "aptparse/json.h"
#include "json/arch_fields.h"
#include "json/cursor.h"
#include "json/escape.h"
#include "json/flag_keys.h"
#include "json/literals.h"
#include "json/number.h"

namespace aptparse {
namespace {

using detail::json_cursor;
using detail::kBareRest;
using detail::kEmptySets;
using detail::kNullSizes;
using detail::kNumberRoom;
using detail::kSetAt;
using detail::kUsualTail;
using detail::put;
using detail::put_flags;
using detail::put_number;
using detail::put_string;
using detail::string_room;

// Room for any run of literal keys and punctuation that one part writes
// besides its strings and numbers (the longest, a package's keys and
// every flag, is under 300 bytes).
constexpr std::size_t kKeysRoom = 512;

// A string, or null when empty; `other` writes the strings put_string()
// does not write inline (see put_string()).
template <class Other = decltype(&detail::put_string_any)>
inline char* put_string_or_null(char* w, std::string_view v,
                                Other other = detail::put_string_any) {
  return v.empty() ? put(w, "null") : put_string(w, v, other);
}

// Room for put_optional_string(); `S` is std::string or std::string_view.
template <class S>
std::size_t optional_room(const std::optional<S>& v) {
  return string_room(v ? std::string_view(*v).size() : 0);
}
template <class S>
char* put_optional_string(char* w, const std::optional<S>& v) {
  return v ? put_string(w, std::string_view(*v)) : put(w, "null");
}

// `k` (a literal key with its punctuation, e.g. ",\"old\":") and a value.
template <std::size_t N>
[[gnu::always_inline]] inline char* put_field(char* w, const char (&k)[N],
                                              std::string_view v) {
  return put_string(put(w, k), v);
}
template <std::size_t N, class S>
char* put_optional_field(char* w, const char (&k)[N],
                         const std::optional<S>& v) {
  return put_optional_string(put(w, k), v);
}

template <class T>
char* put_optional_number(char* w, const std::optional<T>& v) {
  return v ? put_number(w, *v) : put(w, "null");
}

char* put_position(char* w, const position& p) {
  w = put(w, "\"line\":");
  w = put_number(w, p.line);
  w = put(w, ",\"offset\":");
  return put_number(w, p.offset);
}

// The head of the object: "source" to "error".
[[gnu::always_inline]] inline void append_head(json_cursor& c,
                                               const transaction& t,
                                               std::string_view source) {
  // No call for the usual prefix and kind (prefix_name(none) is "", and
  // the kind's name is looked up once).
  static const std::string_view kTransaction =
      record_kind_name(record_kind::transaction);
  const std::string_view prefix = t.span.prefix == line_prefix::none
                                      ? std::string_view()
                                      : prefix_name(t.span.prefix);
  const std::string_view kind = t.kind == record_kind::transaction
                                    ? kTransaction
                                    : record_kind_name(t.kind);
  const bool by_user = t.requested_by_user.has_value();
  char* w = c.room(kKeysRoom + 5 * kNumberRoom + string_room(source.size()) +
                   string_room(kind.size()) + string_room(prefix.size()) +
                   optional_room(t.start) + optional_room(t.end) +
                   optional_room(t.command) +
                   optional_room(t.requested_by_user) + optional_room(t.error));
  w = put_field(w, "{\"source\":", source);
  w = put_field(w, ",\"kind\":", kind);
  w = put(w, ",\"first_line\":");
  w = put_number(w, t.span.first.line);
  w = put(w, ",\"last_line\":");
  w = put_number(w, t.span.last.line);
  w = put(w, ",\"first_offset\":");
  w = put_number(w, t.span.first.offset);
  w = put(w, ",\"end_offset\":");
  w = put_number(w, t.span.end_offset);
  w = t.span.complete ? put(w, ",\"complete\":true,\"line_prefix\":")
                      : put(w, ",\"complete\":false,\"line_prefix\":");
  w = put_string_or_null(w, prefix);
  w = put_optional_field(w, ",\"start\":", t.start);
  w = put_optional_field(w, ",\"end\":", t.end);
  w = put_optional_field(w, ",\"command\":", t.command);
  if (by_user) {
    w = put_optional_field(w,
                           ",\"requested_by\":{\"user\":", t.requested_by_user);
    w = put(w, ",\"uid\":");
    w = put_optional_number(w, t.requested_by_uid);
    w = put(w, "}");
  } else {
    w = put(w, ",\"requested_by\":null");
  }
  w = put_optional_field(w, ",\"error\":", t.error);
  c.advance(w);
}

// Room for one package besides its alternatives: its keys and flags, and
// each of its eight strings (name, arch, old, new, origins, note, suite,
// reason) as put_string() writes it inline. A longer string, or one that
// needs escaping, makes its own room (put_package_string_any()), so the
// package's strings need not be measured first.
constexpr std::size_t kPackageRoom = kKeysRoom + 8 * detail::kInlineStringRoom;

// A package string that put_string() does not write inline: room for its
// worst case and the rest of the package (kPackageRoom) first.
[[gnu::noinline]] char* put_package_string_any(json_cursor& c, char* w,
                                               std::string_view s) {
  return detail::put_string_any(c.more(w, string_room(s.size()) + kPackageRoom),
                                s);
}

// put_package_string_any() into `c`, as put_string()'s `other`.
[[gnu::always_inline]] inline auto package_string_any(json_cursor& c) {
  return [&c](char* w, std::string_view s) {
    return put_package_string_any(c, w, s);
  };
}

// A package's string at `w`, within kPackageRoom.
[[gnu::always_inline]] inline char* put_package_string(json_cursor& c, char* w,
                                                       std::string_view s) {
  return put_string(w, s, package_string_any(c));
}
template <std::size_t N>
[[gnu::always_inline]] inline char* put_package_field(json_cursor& c, char* w,
                                                      const char (&k)[N],
                                                      std::string_view v) {
  return put_package_string(c, put(w, k), v);
}
template <std::size_t N>
[[gnu::always_inline]] inline char* put_package_field_or_null(
    json_cursor& c, char* w, const char (&k)[N], std::string_view v) {
  return put_string_or_null(put(w, k), v, package_string_any(c));
}

// The arch field: a common arch (most packages) as its ready-made text
// (json/arch_fields.h); any other as a string, or null when empty.
char* put_arch(json_cursor& c, char* w, std::string_view arch) {
  if (const int i = detail::common_arch_index(arch); i >= 0)
    return detail::put_common_arch_field(w, static_cast<std::size_t>(i));
  return put_package_field_or_null(c, w, ",\"arch\":", arch);
}

// ",\"security\":true" or false when the package says.
[[gnu::always_inline]] inline char* put_security(char* w, const package& p) {
  if (p.security)
    w = *p.security ? put(w, ",\"security\":true")
                    : put(w, ",\"security\":false");
  return w;
}

// True iff the package has a note, suite, alternatives or hold reason:
// few have any, so one test of them all keeps four off the common path.
[[gnu::always_inline]] inline bool has_rare_fields(const package& p) {
  const auto alternatives =  // their bytes: no division by the size
      reinterpret_cast<std::uintptr_t>(std::to_address(p.alternatives.end())) -
      reinterpret_cast<std::uintptr_t>(p.alternatives.data());
  return (p.note.size() | p.suite.size() | alternatives |
          static_cast<std::size_t>(p.reason)) != 0;
}

// "note" to "reason" of a package that has_rare_fields() (with
// "security", which comes between them), within kPackageRoom.
[[gnu::noinline]] char* put_rare_fields(json_cursor& c, char* w,
                                        const package& p) {
  if (!p.note.empty()) w = put_package_field(c, w, ",\"note\":", p.note);
  if (!p.suite.empty()) w = put_package_field(c, w, ",\"suite\":", p.suite);
  w = put_security(w, p);
  if (!p.alternatives.empty()) {
    w = put(w, ",\"alternatives\":[");
    bool first = true;
    for (std::string_view a : p.alternatives) {
      w = c.more(w, 1 + string_room(a.size()) + kPackageRoom);
      if (!first) *w++ = ',';
      first = false;
      w = put_string(w, a);
    }
    *w++ = ']';
  }
  if (p.reason != hold_reason::none) {
    w = put_package_field(c, w, ",\"reason\":", reason_name(p.reason));
  }
  return w;
}

// `lead` is '[' before a set's first package (its key comes without it),
// ',' before the others.
[[gnu::always_inline]] inline void append_package(json_cursor& c,
                                                  const package& p, char lead) {
  char* w = c.room(kPackageRoom);
  *w++ = lead;
  w = put_package_field(c, w, "{\"name\":", p.name);
  w = put_arch(c, w, p.arch);
  w = put_package_field_or_null(c, w, ",\"old\":", p.old_version);
  w = put_package_field_or_null(c, w, ",\"new\":", p.new_version);
  if (!p.origins.empty())
    w = put_package_field(c, w, ",\"origins\":", p.origins);
  w = has_rare_fields(p) ? put_rare_fields(c, w, p) : put_security(w, p);
  w = put_flags(w, p);
  *w++ = '}';
  c.advance(w);
}

// Writes the keys of sets [from, to) as empty; with `open`, the last one's
// without its "[]", for its packages to follow (the first writes '[').
void put_set_keys(json_cursor& c, int from, int to, bool open) {
  const std::size_t n = kSetAt[to] - kSetAt[from] - (open ? 2 : 0);
  char* w = c.room(sizeof kEmptySets);
  std::memcpy(w, kEmptySets + kSetAt[from], n);
  c.advance(w + n);
}

void append_sets(json_cursor& c, const transaction& t) {
  int from = 0;  // the first set whose key is not written yet
  // The packages of the sets not yet written: the loop stops after the
  // last non-empty set (often one of the first three: upgraded,
  // newly_installed, to_remove).
  std::size_t left = t.packages().size();
  for (int s = 0; left != 0 && s < pkg_set_count; ++s) {
    const auto items = t.set(static_cast<pkg_set>(s));
    if (items.empty()) continue;
    left -= items.size();
    put_set_keys(c, from, s + 1, true);
    char lead = '[';
    for (const package& p : items) {
      append_package(c, p, lead);
      lead = ',';
    }
    char* w = c.room(1);
    *w = ']';
    c.advance(w + 1);
    from = s + 1;
  }
  put_set_keys(c, from, pkg_set_count, false);
}

// A JSON array of strings; `names` holds std::strings or string_views.
template <class Names>
void append_names(json_cursor& c, const Names& names) {
  char* w = c.room(1);
  *w++ = '[';
  c.advance(w);
  bool first = true;
  for (const auto& n : names) {
    const std::string_view s(n);
    w = c.room(1 + string_room(s.size()));
    if (!first) *w++ = ',';
    first = false;
    c.advance(put_string(w, s));
  }
  w = c.room(1);
  *w++ = ']';
  c.advance(w);
}

bool no_sizes(const sizes& s) {
  return true
#define APTPARSE_SIZE_UNSET(type, name) &&!s.name
      APTPARSE_SIZE_MAP(APTPARSE_SIZE_UNSET);
#undef APTPARSE_SIZE_UNSET
}

// "security_count" to "sizes".
[[gnu::always_inline]] inline void append_summary(json_cursor& c,
                                                  const transaction& t) {
  char* w = c.room(kKeysRoom + 20 * kNumberRoom);
  w = put(w, ",\"security_count\":");
  w = put_number(w, t.security_count);
  if (!t.counts) {
    w = put(w, ",\"counts\":null");
  } else {
    char sep = '{';
    w = put(w, ",\"counts\":");
#define APTPARSE_COUNT_JSON(name, check) \
  *w++ = sep;                            \
  sep = ',';                             \
  w = put(w, "\"" #name "\":");          \
  w = put_number(w, t.counts->name);
    APTPARSE_COUNT_MAP(APTPARSE_COUNT_JSON)
#undef APTPARSE_COUNT_JSON
    *w++ = '}';
  }
  w = put_field(
      w, ",\"consistency\":{\"verdict\":", verdict_name(t.consistency.verdict));
  const consistency& k = t.consistency;
  if (k.mismatches.empty() && k.unverifiable.empty()) {  // the usual case
    c.advance(put(c.more(w, 64), ",\"mismatches\":[],\"unverifiable\":[]"));
  } else {
    c.advance(put(w, ",\"mismatches\":"));
    append_names(c, k.mismatches);
    c.advance(put(c.room(32), ",\"unverifiable\":"));
    append_names(c, k.unverifiable);
  }
  if (no_sizes(t.sizes)) {  // the usual case: one copy
    w = c.room(kNullSizes.size());
    std::memcpy(w, kNullSizes.data(), kNullSizes.size());
    c.advance(w + kNullSizes.size());
    return;
  }
  w = c.room(kKeysRoom + 6 * kNumberRoom);
  char sep = '{';
  w = put(w, "},\"sizes\":");
#define APTPARSE_SIZE_JSON(type, name) \
  *w++ = sep;                          \
  sep = ',';                           \
  w = put(w, "\"" #name "\":");        \
  w = put_optional_number(w, t.sizes.name);
  APTPARSE_SIZE_MAP(APTPARSE_SIZE_JSON)
#undef APTPARSE_SIZE_JSON
  *w++ = '}';
  c.advance(w);
}

// The elements of a JSON array, comma-separated: room for each (`room`
// bytes beyond its text, `text_of(item)`), then `one(w, item)` writes it.
template <class Items, class TextOf, class One>
char* put_elements(json_cursor& c, char* w, const Items& items,
                   std::size_t room, TextOf text_of, One one) {
  bool first = true;
  for (const auto& item : items) {
    w = c.more(w, room + string_room(text_of(item).size()));
    if (!first) *w++ = ',';
    first = false;
    w = one(w, item);
  }
  return w;
}

// True iff the object ends in kUsualTail.
[[gnu::always_inline]] inline bool usual_tail(const transaction& t) {
  return t.messages.empty() && t.unrecognized_count == 0 &&
         t.unrecognized.empty() && t.diagnostics.empty();
}

// "messages" to the end of the object.
[[gnu::always_inline]] inline void append_tail(json_cursor& c,
                                               const transaction& t) {
  if (usual_tail(t)) {
    c.advance(put(c.room(sizeof kUsualTail), kUsualTail));
    return;
  }
  char* w = c.room(16);
  w = put(w, ",\"messages\":[");
  w = put_elements(
      c, w, t.messages, kKeysRoom + 2 * kNumberRoom,
      [](const message& m) { return std::string_view(m.text); },
      [](char* w, const message& m) {
        w = put_field(w, "{\"level\":", level_name(m.level));
        w = put_field(w, ",\"text\":", std::string_view(m.text));
        *w++ = ',';
        w = put_position(w, m.where);
        *w++ = '}';
        return w;
      });
  w = c.more(w, kKeysRoom + kNumberRoom);
  w = put(w, "],\"unrecognized_count\":");
  w = put_number(w, t.unrecognized_count);
  w = put(w, ",\"unrecognized\":[");
  w = put_elements(
      c, w, t.unrecognized, kKeysRoom + 2 * kNumberRoom,
      [](const unrecognized_line& u) { return std::string_view(u.text); },
      [](char* w, const unrecognized_line& u) {
        *w++ = '{';
        w = put_position(w, u.where);
        w = put_field(w, ",\"text\":", std::string_view(u.text));
        *w++ = '}';
        return w;
      });
  w = c.more(w, 32);
  w = put(w, "],\"diagnostics\":[");
  w = put_elements(
      c, w, t.diagnostics, kKeysRoom + 3 * kNumberRoom,
      [](const diagnostic& d) { return error_name(d.code); },
      [](char* w, const diagnostic& d) {
        w = put_field(w, "{\"code\":", error_name(d.code));
        *w++ = ',';
        w = put_position(w, d.where);
        w = put(w, ",\"dropped\":");
        w = put_number(w, d.dropped);
        *w++ = '}';
        return w;
      });
  w = c.more(w, 2);
  w = put(w, "]}");
  c.advance(w);
}

// The whole object at `c`; inline in both entry points below, where the
// cursor stays in registers.
[[gnu::always_inline]] inline void put_object(json_cursor& c,
                                              const transaction& t,
                                              std::string_view source) {
  append_head(c, t, source);
  append_sets(c, t);
  if (!t.counts && t.consistency.verdict == consistency_verdict::no_counts &&
      t.consistency.mismatches.empty() && t.consistency.unverifiable.empty() &&
      no_sizes(t.sizes) && usual_tail(t)) {  // kBareRest's case
    char* w =
        c.room(kNumberRoom + sizeof ",\"security_count\":" + kBareRest.size());
    w = put_number(put(w, ",\"security_count\":"), t.security_count);
    std::memcpy(w, kBareRest.data(), kBareRest.size());
    c.advance(w + kBareRest.size());
    return;
  }
  append_summary(c, t);
  append_tail(c, t);
}

}  // namespace

void append_json(std::string& out, const transaction& t,
                 std::string_view source) {
  json_cursor c;
  put_object(c, t, source);
  c.append_to(out);
}

void write_json_line(const transaction& t, std::string_view source,
                     const std::function<void(std::string_view)>& write) {
  json_cursor c;
  put_object(c, t, source);
  char* w = c.room(1);
  *w = '\n';
  c.advance(w + 1);
  write(c.text());
}

}  // namespace aptparse

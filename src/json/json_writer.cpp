// A transaction -> one JSON object (JSON Lines).
// The schema is documented in README.md; keys are only ever added.
//
// Speed: the writer fills a cursor over pre-sized room in the output string
// instead of appending piece by piece (each std::string append checks and
// may grow the capacity); string literals are written by json/escape.h.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <utility>

#include "aptparse/json.h"
#include "json/escape.h"

namespace aptparse {
namespace {

using detail::put_string;
using detail::string_room;

// A write cursor into `out`: room() makes space, the put functions write
// without checks, and the destructor cuts `out` to what was written.
class cursor {
 public:
  explicit cursor(std::string& out) : out_(out), start_(out.size()) {
    grow(1024);
  }
  ~cursor() { out_.resize(used()); }
  cursor(const cursor&) = delete;
  cursor& operator=(const cursor&) = delete;

  [[gnu::always_inline]] void room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - w_) < n) [[unlikely]]
      grow(n);
  }
  // A literal: its size is known at compile time, so the copy is inlined.
  template <std::size_t N>
  [[gnu::always_inline]] void raw(const char (&s)[N]) {
    room(N - 1);
    std::memcpy(w_, s, N - 1);
    w_ += N - 1;
  }
  void raw(std::string_view s) {
    room(s.size());
    std::memcpy(w_, s.data(), s.size());
    w_ += s.size();
  }
  [[gnu::always_inline]] void ch(char c) {
    room(1);
    *w_++ = c;
  }
  void string(std::string_view s) {
    room(string_room(s.size()));
    w_ = put_string(w_, s);
  }
  template <class T>
  void number(T v) {
    room(24);
    w_ = std::to_chars(w_, w_ + 24, v).ptr;
  }

 private:
  std::size_t used() const {
    return static_cast<std::size_t>(w_ - out_.data());
  }
  // Doubles what this cursor has written (not all of `out`, which may hold
  // megabytes already): resize() zero-fills what it adds.
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t at = w_ == nullptr ? start_ : used();
    out_.resize(at + std::max(n, at - start_ + 1024));
    w_ = out_.data() + at;
    end_ = out_.data() + out_.size();
  }

  std::string& out_;
  std::size_t start_;  // out_'s size before the cursor
  char* w_ = nullptr;
  char* end_ = nullptr;
};

// `k` (a literal key with its punctuation, e.g. ",\"text\":") and a value.
template <std::size_t N>
void string_field(cursor& c, const char (&k)[N], std::string_view v) {
  c.raw(k);
  c.string(v);
}
template <std::size_t N, class T>
void number_field(cursor& c, const char (&k)[N], T v) {
  c.raw(k);
  c.number(v);
}

void key(cursor& c, std::string_view k) {
  c.room(k.size() + 3);
  c.ch('"');
  c.raw(k);
  c.raw("\":");
}

// Appends `"k":[...]` with each(item) writing one element.
template <class Items, class Each>
void array(cursor& c, std::string_view k, const Items& items, Each&& each) {
  key(c, k);
  c.ch('[');
  bool first = true;
  for (const auto& item : items) {
    if (!first) c.ch(',');
    first = false;
    each(item);
  }
  c.ch(']');
}

// A string field, or null when empty.
template <std::size_t N>
void string_or_null(cursor& c, const char (&k)[N], std::string_view v) {
  c.raw(k);
  if (v.empty()) {
    c.raw("null");
  } else {
    c.string(v);
  }
}

template <class T>
void optional_number(cursor& c, std::string_view k, const std::optional<T>& v) {
  key(c, k);
  if (v) {
    c.number(*v);
  } else {
    c.raw("null");
  }
}

// A string or null.
template <std::size_t N, class Text>
void optional_string(cursor& c, const char (&k)[N],
                     const std::optional<Text>& v) {
  c.raw(k);
  if (v) {
    c.string(*v);
  } else {
    c.raw("null");
  }
}

// The fields of a record of apt's logs, each with a leading ','.
void append_record_fields(cursor& c, const transaction& t) {
  optional_string(c, ",\"start\":", t.start);
  optional_string(c, ",\"end\":", t.end);
  optional_string(c, ",\"command\":", t.command);
  if (t.requested_by_user) {
    string_field(c, ",\"requested_by\":{\"user\":", *t.requested_by_user);
    c.ch(',');
    optional_number(c, "uid", t.requested_by_uid);
    c.ch('}');
  } else {
    c.raw(",\"requested_by\":null");
  }
  optional_string(c, ",\"error\":", t.error);
}

void append_position(cursor& c, const position& p) {
  number_field(c, "\"line\":", p.line);
  number_field(c, ",\"offset\":", p.offset);
}

void append_package(cursor& c, const package& p) {
  string_field(c, "{\"name\":", p.name);
  string_or_null(c, ",\"arch\":", p.arch);
  string_or_null(c, ",\"old\":", p.old_version);
  string_or_null(c, ",\"new\":", p.new_version);
  if (!p.origins.empty()) {
    string_field(c, ",\"origins\":", p.origins);
  }
  if (!p.note.empty()) {
    string_field(c, ",\"note\":", p.note);
  }
  if (!p.suite.empty()) {
    string_field(c, ",\"suite\":", p.suite);
  }
  if (p.security)
    c.raw(*p.security ? ",\"security\":true" : ",\"security\":false");
  if (!p.alternatives.empty()) {
    c.ch(',');
    array(c, "alternatives", p.alternatives,
          [&](std::string_view a) { c.string(a); });
  }
  if (p.reason != hold_reason::none) {
    string_field(c, ",\"reason\":", reason_name(p.reason));
  }
  if (p.purge) c.raw(",\"purge\":true");
  if (p.automatic) c.raw(",\"automatic\":true");
  if (p.simulated) c.raw(",\"simulated\":true");
  if (p.upgradable) c.raw(",\"upgradable\":true");
  if (p.installed) c.raw(",\"installed\":true");
  if (p.local) c.raw(",\"local\":true");
  if (p.residual_config) c.raw(",\"residual_config\":true");
  if (p.auto_removable) c.raw(",\"auto_removable\":true");
  c.ch('}');
}

// The parts of a transaction after its sets, append_counts() to
// append_diagnostics(), each write their own leading ','.

// The counts' fields in JSON order, each key with a leading ','.
constexpr std::pair<std::string_view, std::uint64_t counts::*> kCountFields[] =
    {
#define APTPARSE_COUNT_KEY(name, check) {",\"" #name "\":", &counts::name},
        APTPARSE_COUNT_MAP(APTPARSE_COUNT_KEY)
#undef APTPARSE_COUNT_KEY
};

void append_counts(cursor& c, const std::optional<counts>& n) {
  c.raw(",\"counts\":");
  if (!n) {
    c.raw("null");
    return;
  }
  c.ch('{');
  bool first = true;
  for (const auto& [k, field] : kCountFields) {
    c.raw(first ? k.substr(1) : k);
    first = false;
    c.number((*n).*field);
  }
  c.ch('}');
}

void append_consistency(cursor& c, const consistency& k) {
  string_field(c, ",\"consistency\":{\"verdict\":", verdict_name(k.verdict));
  c.ch(',');
  auto name = [&](const std::string& n) { c.string(n); };
  array(c, "mismatches", k.mismatches, name);
  c.ch(',');
  array(c, "unverifiable", k.unverifiable, name);
  c.ch('}');
}

void append_sizes(cursor& c, const sizes& s) {
  c.raw(",\"sizes\":{");
  bool first = true;
#define APTPARSE_SIZE_JSON(type, name) \
  if (!first) c.ch(',');               \
  first = false;                       \
  optional_number(c, #name, s.name);
  APTPARSE_SIZE_MAP(APTPARSE_SIZE_JSON)
#undef APTPARSE_SIZE_JSON
  c.ch('}');
}

void append_messages(cursor& c, const std::vector<message>& ms) {
  c.ch(',');
  array(c, "messages", ms, [&](const message& m) {
    string_field(c, "{\"level\":", level_name(m.level));
    string_field(c, ",\"text\":", m.text);
    c.ch(',');
    append_position(c, m.where);
    c.ch('}');
  });
}

void append_unrecognized(cursor& c, const transaction& t) {
  number_field(c, ",\"unrecognized_count\":", t.unrecognized_count);
  c.ch(',');
  array(c, "unrecognized", t.unrecognized, [&](const unrecognized_line& u) {
    c.ch('{');
    append_position(c, u.where);
    string_field(c, ",\"text\":", u.text);
    c.ch('}');
  });
}

void append_diagnostics(cursor& c, const std::vector<diagnostic>& ds) {
  c.ch(',');
  array(c, "diagnostics", ds, [&](const diagnostic& d) {
    string_field(c, "{\"code\":", error_name(d.code));
    c.ch(',');
    append_position(c, d.where);
    number_field(c, ",\"dropped\":", d.dropped);
    c.ch('}');
  });
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  cursor c(out);
  c.string(s);
}

void append_json(std::string& out, const transaction& t,
                 std::string_view source) {
  cursor c(out);
  string_field(c, "{\"source\":", source);
  string_field(c, ",\"kind\":", record_kind_name(t.kind));
  number_field(c, ",\"first_line\":", t.span.first.line);
  number_field(c, ",\"last_line\":", t.span.last.line);
  number_field(c, ",\"first_offset\":", t.span.first.offset);
  number_field(c, ",\"end_offset\":", t.span.end_offset);
  c.raw(t.span.complete ? ",\"complete\":true" : ",\"complete\":false");
  string_or_null(c, ",\"line_prefix\":", prefix_name(t.span.prefix));
  append_record_fields(c, t);
  for (int s = 0; s < pkg_set_count; ++s) {
    const auto set = static_cast<pkg_set>(s);
    c.ch(',');
    array(c, set_name(set), t.set(set),
          [&](const package& p) { append_package(c, p); });
  }
  number_field(c, ",\"security_count\":", t.security_count);
  append_counts(c, t.counts);
  append_consistency(c, t.consistency);
  append_sizes(c, t.sizes);
  append_messages(c, t.messages);
  append_unrecognized(c, t);
  append_diagnostics(c, t.diagnostics);
  c.ch('}');
}

std::string to_json(const transaction& t, std::string_view source) {
  std::string out;
  append_json(out, t, source);
  return out;
}

}  // namespace aptparse

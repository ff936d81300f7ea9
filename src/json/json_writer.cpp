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
void string_or_null(cursor& c, std::string_view v) {
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

void append_position(cursor& c, const position& p) {
  c.raw("\"line\":");
  c.number(p.line);
  c.raw(",\"offset\":");
  c.number(p.offset);
}

void append_package(cursor& c, const package& p) {
  c.raw("{\"name\":");
  c.string(p.name);
  c.raw(",\"arch\":");
  string_or_null(c, p.arch);
  c.raw(",\"old\":");
  string_or_null(c, p.old_version);
  c.raw(",\"new\":");
  string_or_null(c, p.new_version);
  if (!p.origins.empty()) {
    c.raw(",\"origins\":");
    c.string(p.origins);
  }
  if (!p.note.empty()) {
    c.raw(",\"note\":");
    c.string(p.note);
  }
  if (!p.alternatives.empty()) {
    c.ch(',');
    array(c, "alternatives", p.alternatives,
          [&](std::string_view a) { c.string(a); });
  }
  if (p.reason != hold_reason::none) {
    c.raw(",\"reason\":");
    c.string(reason_name(p.reason));
  }
  if (p.purge) c.raw(",\"purge\":true");
  if (p.automatic) c.raw(",\"automatic\":true");
  if (p.simulated) c.raw(",\"simulated\":true");
  c.ch('}');
}

// The counts' fields in JSON order, each key with a leading ','.
constexpr std::pair<std::string_view, std::uint64_t counts::*> kCountFields[] =
    {
#define APTPARSE_COUNT_KEY(name, check) {",\"" #name "\":", &counts::name},
        APTPARSE_COUNT_MAP(APTPARSE_COUNT_KEY)
#undef APTPARSE_COUNT_KEY
};

void append_counts(cursor& c, const std::optional<counts>& n) {
  key(c, "counts");
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
  c.raw("\"consistency\":{\"verdict\":");
  c.string(verdict_name(k.verdict));
  c.ch(',');
  auto name = [&](const std::string& n) { c.string(n); };
  array(c, "mismatches", k.mismatches, name);
  c.ch(',');
  array(c, "unverifiable", k.unverifiable, name);
  c.ch('}');
}

void append_sizes(cursor& c, const sizes& s) {
  c.raw("\"sizes\":{");
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
  array(c, "messages", ms, [&](const message& m) {
    c.raw("{\"level\":");
    c.string(level_name(m.level));
    c.raw(",\"text\":");
    c.string(m.text);
    c.ch(',');
    append_position(c, m.where);
    c.ch('}');
  });
}

void append_unrecognized(cursor& c, const transaction& t) {
  c.raw("\"unrecognized_count\":");
  c.number(t.unrecognized_count);
  c.ch(',');
  array(c, "unrecognized", t.unrecognized, [&](const unrecognized_line& u) {
    c.ch('{');
    append_position(c, u.where);
    c.raw(",\"text\":");
    c.string(u.text);
    c.ch('}');
  });
}

void append_diagnostics(cursor& c, const std::vector<diagnostic>& ds) {
  array(c, "diagnostics", ds, [&](const diagnostic& d) {
    c.raw("{\"code\":");
    c.string(error_name(d.code));
    c.ch(',');
    append_position(c, d.where);
    c.raw(",\"dropped\":");
    c.number(d.dropped);
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
  c.raw("{\"source\":");
  c.string(source);
  c.raw(",\"first_line\":");
  c.number(t.span.first.line);
  c.raw(",\"last_line\":");
  c.number(t.span.last.line);
  c.raw(",\"first_offset\":");
  c.number(t.span.first.offset);
  c.raw(",\"end_offset\":");
  c.number(t.span.end_offset);
  c.raw(t.span.complete ? ",\"complete\":true" : ",\"complete\":false");
  c.raw(",\"line_prefix\":");
  string_or_null(c, prefix_name(t.span.prefix));
  for (int s = 0; s < pkg_set_count; ++s) {
    const auto set = static_cast<pkg_set>(s);
    c.ch(',');
    array(c, set_name(set), t.set(set),
          [&](const package& p) { append_package(c, p); });
  }
  c.ch(',');
  append_counts(c, t.counts);
  c.ch(',');
  append_consistency(c, t.consistency);
  c.ch(',');
  append_sizes(c, t.sizes);
  c.ch(',');
  append_messages(c, t.messages);
  c.ch(',');
  append_unrecognized(c, t);
  c.ch(',');
  append_diagnostics(c, t.diagnostics);
  c.ch('}');
}

std::string to_json(const transaction& t, std::string_view source) {
  std::string out;
  append_json(out, t, source);
  return out;
}

}  // namespace aptparse

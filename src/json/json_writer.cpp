// Stage 5: a transaction -> one JSON object (JSON Lines).
// The schema is documented in README.md; keys are only ever added.
//
// Speed: the writer fills a cursor over pre-sized room in the output string
// instead of appending piece by piece (each std::string append checks and
// may grow the capacity), and strings are copied 16 bytes at a time until
// a byte needs escaping (most of a log is plain ASCII).
#include <algorithm>
#include <charconv>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "aptparse/json.h"
#include "util/text.h"

namespace aptparse {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Returns the length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(const char* s, std::size_t i, std::size_t size) {
  const auto b = [&](std::size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  const unsigned char c = b(i);
  std::size_t n;
  std::uint32_t cp;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
    cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    cp = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > size) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  // Reject overlong forms, surrogates and code points past U+10FFFF.
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

// Room a JSON string literal of `n` bytes may need: every byte can become a
// six-byte \uXXXX escape; 16 more for the block copy's overshoot.
constexpr std::size_t string_room(std::size_t n) { return 6 * n + 2 + 16; }

char* put_u(char* w, unsigned code) {
  w[0] = '\\';
  w[1] = 'u';
  w[2] = kHex[(code >> 12) & 0xf];
  w[3] = kHex[(code >> 8) & 0xf];
  w[4] = kHex[(code >> 4) & 0xf];
  w[5] = kHex[code & 0xf];
  return w + 6;
}

// True iff the eight bytes of `x` hold a byte that JSON must escape or that
// may start invalid UTF-8: below 0x20, from 0x80 up, '"' or '\\'.
bool has_special(std::uint64_t x) {
  using detail::swar::kHighs, detail::swar::kOnes, detail::swar::matches;
  return ((x | ((x - kOnes * 0x20) & ~x)) & kHighs) != 0 ||
         matches(x, '"') != 0 || matches(x, '\\') != 0;
}

// True iff `s` needs no escaping. Overlapping eight-byte loads: no byte
// outside `s` is read, and no per-byte loop runs for the common case.
bool plain(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (has_special(detail::swar::load(p + i))) return false;
    return !has_special(detail::swar::load(p + n - 8));
  }
  if (n >= 4) {
    const std::uint64_t lo = detail::swar::load<std::uint32_t>(p);
    const std::uint64_t hi = detail::swar::load<std::uint32_t>(p + n - 4);
    return !has_special(lo | (hi << 32));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

// Copies `s` to `w` with fixed-size moves (room for 16 extra bytes).
char* copy_plain(char* w, std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) std::memcpy(w + i, p + i, 8);
    std::memcpy(w + n - 8, p + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(w, p, 4);
    std::memcpy(w + n - 4, p + n - 4, 4);
  } else {
    for (std::size_t i = 0; i < n; ++i) w[i] = p[i];
  }
  return w + n;
}

// Writes `s` as a JSON string literal at `w`, which has string_room() bytes;
// returns the end.
char* put_string(char* w, std::string_view s) {
  *w++ = '"';
  if (plain(s)) {  // most strings: names, versions, plain ASCII
    w = copy_plain(w, s);
    *w++ = '"';
    return w;
  }
  const char* const base = s.data();
  const std::size_t size = s.size();
  std::size_t i = 0;
  while (i < size) {
#if defined(__SSE2__)
    // Signed compare: bytes below 0x20 and from 0x80 up are both "< 0x20".
    while (size - i >= 16) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + i));
      const __m128i special =
          _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
      if (mask == 0) {
        i += 16;
        w += 16;
        continue;
      }
      const unsigned k = static_cast<unsigned>(__builtin_ctz(mask));
      i += k;
      w += k;
      break;
    }
    if (i == size) break;
#endif
    const auto c = static_cast<unsigned char>(base[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      *w++ = static_cast<char>(c);
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (std::size_t n = utf8_length(base, i, size); n != 0) {
        std::memcpy(w, base + i, n);
        w += n;
        i += n;
      } else {
        w = put_u(w, 0xdc00 + c);  // surrogateescape: lossless
        ++i;
      }
      continue;
    }
    *w++ = '\\';
    switch (c) {
      case '"':
        *w++ = '"';
        break;
      case '\\':
        *w++ = '\\';
        break;
      case '\n':
        *w++ = 'n';
        break;
      case '\t':
        *w++ = 't';
        break;
      case '\r':
        *w++ = 'r';
        break;
      default:
        w = put_u(w - 1, c);
        break;
    }
    ++i;
  }
  *w++ = '"';
  return w;
}

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

// The summary's fields in JSON order, each with its key and separator.
constexpr std::pair<std::string_view, std::uint64_t counts::*> kCountFields[] =
    {{"{\"upgraded\":", &counts::upgraded},
     {",\"newly_installed\":", &counts::newly_installed},
     {",\"reinstalled\":", &counts::reinstalled},
     {",\"downgraded\":", &counts::downgraded},
     {",\"to_remove\":", &counts::to_remove},
     {",\"not_upgraded\":", &counts::not_upgraded},
     {",\"not_fully_installed\":", &counts::not_fully_installed}};

void append_counts(cursor& c, const std::optional<counts>& n) {
  key(c, "counts");
  if (!n) {
    c.raw("null");
    return;
  }
  for (const auto& [k, field] : kCountFields) {
    c.raw(k);
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
  optional_number(c, "download", s.download);
  c.ch(',');
  optional_number(c, "download_total", s.download_total);
  c.ch(',');
  optional_number(c, "disk_change", s.disk_change);
  c.ch(',');
  optional_number(c, "disk_available", s.disk_available);
  c.ch(',');
  optional_number(c, "boot_needed", s.boot_needed);
  c.ch(',');
  optional_number(c, "boot_available", s.boot_available);
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

// Stage 5: a transaction -> one JSON object (JSON Lines).
// The schema is documented in README.md; keys are only ever added.
#include <fmt/format.h>

#include "aptparse/json.h"

namespace aptparse {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Returns the length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
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
  if (i + n > s.size()) return 0;
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

void append_u(std::string& out, unsigned code) {
  out += "\\u";
  out += kHex[(code >> 12) & 0xf];
  out += kHex[(code >> 8) & 0xf];
  out += kHex[(code >> 4) & 0xf];
  out += kHex[code & 0xf];
}

void key(std::string& out, std::string_view k) {
  out += '"';
  out += k;
  out += "\":";
}

void unumber(std::string& out, std::uint64_t v) {
  fmt::format_to(std::back_inserter(out), "{}", v);
}

// Appends `"k":[...]` with each(item) writing one element.
template <class T, class Each>
void array(std::string& out, std::string_view k, const std::vector<T>& items,
           Each&& each) {
  key(out, k);
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    each(items[i]);
  }
  out += ']';
}

// A string field, or null when empty.
void string_or_null(std::string& out, std::string_view v) {
  if (v.empty()) {
    out += "null";
  } else {
    append_json_string(out, v);
  }
}

template <class T>
void optional_number(std::string& out, std::string_view k,
                     const std::optional<T>& v) {
  key(out, k);
  if (v) {
    fmt::format_to(std::back_inserter(out), "{}", *v);
  } else {
    out += "null";
  }
}

void append_position(std::string& out, const position& p) {
  key(out, "line");
  unumber(out, p.line);
  out += ',';
  key(out, "offset");
  unumber(out, p.offset);
}

void append_package(std::string& out, const package& p) {
  out += '{';
  key(out, "name");
  append_json_string(out, p.name);
  out += ',';
  key(out, "arch");
  string_or_null(out, p.arch);
  out += ',';
  key(out, "old");
  string_or_null(out, p.old_version);
  out += ',';
  key(out, "new");
  string_or_null(out, p.new_version);
  if (!p.origins.empty()) {
    out += ',';
    key(out, "origins");
    append_json_string(out, p.origins);
  }
  if (!p.note.empty()) {
    out += ',';
    key(out, "note");
    append_json_string(out, p.note);
  }
  if (!p.alternatives.empty()) {
    out += ',';
    array(out, "alternatives", p.alternatives,
          [&](const std::string& a) { append_json_string(out, a); });
  }
  if (p.reason != hold_reason::none) {
    out += ',';
    key(out, "reason");
    append_json_string(out, reason_name(p.reason));
  }
  if (p.purge) out += ",\"purge\":true";
  if (p.automatic) out += ",\"automatic\":true";
  if (p.simulated) out += ",\"simulated\":true";
  out += '}';
}

void append_counts(std::string& out, const std::optional<counts>& c) {
  key(out, "counts");
  if (!c) {
    out += "null";
    return;
  }
  fmt::format_to(std::back_inserter(out),
                 "{{\"upgraded\":{},\"newly_installed\":{},\"reinstalled\":{},"
                 "\"downgraded\":{},\"to_remove\":{},\"not_upgraded\":{},"
                 "\"not_fully_installed\":{}}}",
                 c->upgraded, c->newly_installed, c->reinstalled,
                 c->downgraded, c->to_remove, c->not_upgraded,
                 c->not_fully_installed);
}

void append_consistency(std::string& out, const consistency& c) {
  key(out, "consistency");
  out += '{';
  key(out, "verdict");
  append_json_string(out, verdict_name(c.verdict));
  out += ',';
  auto name = [&](const std::string& n) { append_json_string(out, n); };
  array(out, "mismatches", c.mismatches, name);
  out += ',';
  array(out, "unverifiable", c.unverifiable, name);
  out += '}';
}

void append_sizes(std::string& out, const sizes& s) {
  key(out, "sizes");
  out += '{';
  optional_number(out, "download", s.download);
  out += ',';
  optional_number(out, "download_total", s.download_total);
  out += ',';
  optional_number(out, "disk_change", s.disk_change);
  out += ',';
  optional_number(out, "disk_available", s.disk_available);
  out += ',';
  optional_number(out, "boot_needed", s.boot_needed);
  out += ',';
  optional_number(out, "boot_available", s.boot_available);
  out += '}';
}

void append_messages(std::string& out, const std::vector<message>& ms) {
  array(out, "messages", ms, [&](const message& m) {
    out += '{';
    key(out, "level");
    append_json_string(out, level_name(m.level));
    out += ',';
    key(out, "text");
    append_json_string(out, m.text);
    out += ',';
    append_position(out, m.where);
    out += '}';
  });
}

void append_unrecognized(std::string& out, const transaction& t) {
  key(out, "unrecognized_count");
  unumber(out, t.unrecognized_count);
  out += ',';
  array(out, "unrecognized", t.unrecognized, [&](const unrecognized_line& u) {
    out += '{';
    append_position(out, u.where);
    out += ',';
    key(out, "text");
    append_json_string(out, u.text);
    out += '}';
  });
}

void append_diagnostics(std::string& out, const std::vector<diagnostic>& ds) {
  array(out, "diagnostics", ds, [&](const diagnostic& d) {
    out += '{';
    key(out, "code");
    append_json_string(out, error_name(d.code));
    out += ',';
    append_position(out, d.where);
    out += ',';
    key(out, "dropped");
    unumber(out, d.dropped);
    out += '}';
  });
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run that needs no escaping.
    std::size_t run = i;
    while (run < s.size()) {
      const auto c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (std::size_t n = utf8_length(s, i); n != 0) {
        out.append(s.data() + i, n);
        i += n;
      } else {
        append_u(out, 0xdc00 + c);  // surrogateescape: lossless
        ++i;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: append_u(out, c); break;
    }
    ++i;
  }
  out += '"';
}

void append_json(std::string& out, const transaction& t,
                 std::string_view source) {
  out += '{';
  key(out, "source");
  append_json_string(out, source);
  out += ',';
  key(out, "first_line");
  unumber(out, t.span.first.line);
  out += ',';
  key(out, "last_line");
  unumber(out, t.span.last.line);
  out += ',';
  key(out, "first_offset");
  unumber(out, t.span.first.offset);
  out += ',';
  key(out, "end_offset");
  unumber(out, t.span.end_offset);
  out += ',';
  key(out, "complete");
  out += t.span.complete ? "true" : "false";
  out += ',';
  key(out, "line_prefix");
  string_or_null(out, prefix_name(t.span.prefix));
  for (int s = 0; s < pkg_set_count; ++s) {
    const auto set = static_cast<pkg_set>(s);
    out += ',';
    array(out, set_name(set), t.set(set),
          [&](const package& p) { append_package(out, p); });
  }
  out += ',';
  append_counts(out, t.counts);
  out += ',';
  append_consistency(out, t.consistency);
  out += ',';
  append_sizes(out, t.sizes);
  out += ',';
  append_messages(out, t.messages);
  out += ',';
  append_unrecognized(out, t);
  out += ',';
  append_diagnostics(out, t.diagnostics);
  out += '}';
}

std::string to_json(const transaction& t, std::string_view source) {
  std::string out;
  append_json(out, t, source);
  return out;
}

}  // namespace aptparse

#include "lines/json_result.h"

#include <array>
#include <utility>

#include "util/text.h"

namespace aptparse::detail {
namespace {

// The task statuses before a one-line result's " => {".
constexpr std::array<std::string_view, 4> kStatuses = {"changed: [", "ok: [",
                                                       "fatal: [", "failed: ["};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The four hex digits at s[i], or -1.
long hex4(std::string_view s, std::size_t i) {
  if (i + 4 > s.size()) return -1;
  long v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const int d = hex_digit(s[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

void put_utf8(unsigned long cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// "\uXXXX" at s[i] (i at the 'u'), a surrogate pair's second half taken
// with it. Returns the index after it, or i if it is malformed.
std::size_t put_unicode_escape(std::string_view s, std::size_t i,
                               std::string& out) {
  const long hi = hex4(s, i + 1);
  if (hi < 0) return i;
  std::size_t next = i + 5;
  unsigned long cp = static_cast<unsigned long>(hi);
  if (hi >= 0xD800 && hi < 0xDC00 && next + 6 <= s.size() && s[next] == '\\' &&
      s[next + 1] == 'u') {
    const long lo = hex4(s, next + 2);
    if (lo >= 0xDC00 && lo < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) +
           static_cast<unsigned long>(lo - 0xDC00);
      next += 6;
    }
  }
  put_utf8(cp, out);
  return next;
}

char simple_escape(char c) {
  switch (c) {
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case '"':
    case '\\':
    case '/':
      return c;
    default:
      return 0;
  }
}

// `"<key>": "` at the start of `t` with a key that ends in `suffix`:
// returns the index of the string's first byte, or npos.
std::size_t value_after_key(std::string_view t, std::string_view suffix) {
  if (!t.starts_with('"')) return std::string_view::npos;
  const std::size_t close = t.find('"', 1);
  if (close == std::string_view::npos ||
      !t.substr(1, close - 1).ends_with(suffix))
    return std::string_view::npos;
  std::size_t i = close + 1;
  if (i >= t.size() || t[i] != ':') return std::string_view::npos;
  ++i;
  while (i < t.size() && t[i] == ' ') ++i;
  return i < t.size() && t[i] == '"' ? i + 1 : std::string_view::npos;
}

// Does the JSON string text at s (up to its closing quote) hold an escaped
// line end?
bool has_escaped_line_end(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '"') return false;
    if (s[i] == '\\') {
      if (s[i + 1] == 'n' || s[i + 1] == 'r') return true;
      ++i;
    }
  }
  return false;
}

}  // namespace

bool json_result::is_one_line(std::string_view line) noexcept {
  for (std::string_view status : kStatuses)
    if (line.starts_with(status)) return true;
  return false;
}

void decode_json_string(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"') return;
    if (c != '\\' || i + 1 == s.size()) {
      out += c;
      ++i;
      continue;
    }
    const char e = s[i + 1];
    if (const char plain = simple_escape(e); plain != 0) {
      out += plain;
      i += 2;
    } else if (e == 'u') {
      const std::size_t next = put_unicode_escape(s, i + 1, out);
      if (next == i + 1) {
        out += c;  // malformed: kept
        ++i;
      } else {
        i = next;
      }
    } else {
      out += c;
      ++i;
    }
  }
}

std::string_view json_result::take_line(std::string_view& rest) noexcept {
  const std::size_t end = rest.find_first_of("\r\n");
  const std::string_view line = rest.substr(0, end);
  if (end == std::string_view::npos) {
    rest = {};
  } else {
    const bool crlf =
        rest[end] == '\r' && end + 1 < rest.size() && rest[end + 1] == '\n';
    rest.remove_prefix(end + (crlf ? 2 : 1));
  }
  return line;
}

bool json_result::decode_stdout(std::string_view line, std::size_t start,
                                std::string_view stderr_text) {
  const std::string_view value = line.substr(start);
  if (!has_escaped_line_end(value)) return false;
  text_.clear();
  decode_json_string(value, text_);
  if (!stderr_text.empty()) {
    if (!text_.empty() && text_.back() != '\n') text_ += '\n';
    text_ += stderr_text;
  }
  return true;
}

json_result::reading json_result::read(std::string_view line) {
  const bool after_stdout = std::exchange(after_stdout_, false);
  const bool has_stderr = std::exchange(stderr_kept_, false);
  const std::string_view t = trim_left(line);
  if (in_lines_block_) {
    if (t.starts_with('"')) {
      stderr_kept_ = has_stderr;
      if (!read_items_) return reading::noise;
      text_.clear();
      decode_json_string(t.substr(1), text_);
      return reading::item;
    }
    in_lines_block_ = false;
    stderr_kept_ = has_stderr;
    if (t.starts_with(']')) return reading::noise;
  }
  if (is_one_line(line)) {
    // The status's JSON object: its "stdout" key, if any, and "stderr".
    const std::size_t object = line.find(" => {");
    if (object == std::string_view::npos) return reading::none;
    const std::size_t key = line.find("\"stdout\": \"", object);
    if (key == std::string_view::npos) return reading::none;
    stderr_.clear();
    if (const std::size_t err = line.find("\"stderr\": \"", object);
        err != std::string_view::npos)
      decode_json_string(line.substr(err + 11), stderr_);
    return decode_stdout(line, key + 11, stderr_) ? reading::decoded
                                                  : reading::none;
  }
  if (t.size() == line.size()) return reading::none;  // pretty keys indent
  if (const std::size_t v = value_after_key(t, "stdout");
      v != std::string_view::npos) {
    if (!decode_stdout(t, v, has_stderr ? stderr_ : std::string_view{}))
      return reading::none;
    after_stdout_ = true;
    return reading::decoded;
  }
  // "stderr" comes before "stdout" (ansible sorts the keys): kept, to be
  // read after it, as a terminal shows apt's errors after its output. The
  // line itself stays unrecognised: it is read only with a stdout.
  if (const std::size_t v = value_after_key(t, "stderr");
      v != std::string_view::npos) {
    stderr_.clear();
    decode_json_string(t.substr(v), stderr_);
    stderr_kept_ = !stderr_.empty();
    return reading::none;
  }
  // A block of lines: `"stdout_lines": [` (or a variable's, e.g.
  // "result.stdout_lines") or `"stderr_lines": [`.
  const std::string_view opener = trim_right(t);
  if (opener.ends_with("_lines\": [") && t.starts_with('"')) {
    in_lines_block_ = true;
    stderr_kept_ = has_stderr;
    read_items_ = !after_stdout && opener.ends_with("stdout_lines\": [");
    return reading::noise;
  }
  return reading::none;
}

}  // namespace aptparse::detail

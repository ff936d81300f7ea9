// A strict JSON reader (RFC 8259) for tests: it accepts only what the
// grammar allows (no trailing commas, no raw control bytes in strings, no
// invalid UTF-8, no leading zeros, no duplicate keys, nothing after the
// value), keeps object keys in order, and decodes strings to bytes, with
// \udcXX (the writer's surrogateescape) back to the byte XX.
#ifndef APTPARSE_TESTS_SUPPORT_STRICT_JSON_H_
#define APTPARSE_TESTS_SUPPORT_STRICT_JSON_H_

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aptparse::testing {

struct json_value {
  enum class type { null, boolean, number, string, array, object } kind;
  bool boolean = false;
  std::string text;  // a number as written, or a decoded string
  std::vector<json_value> items;
  std::vector<std::pair<std::string, json_value>> members;

  // The member named `key`; throws if there is none.
  const json_value& at(std::string_view key) const {
    for (const auto& [k, v] : members)
      if (k == key) return v;
    throw std::out_of_range("no key " + std::string(key));
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& m : members) out.push_back(m.first);
    return out;
  }
};

class strict_json_reader {
 public:
  // Returns the value `text` holds, or nullopt (with error()) if it is not
  // exactly one valid JSON value.
  std::optional<json_value> read(std::string_view text) {
    s_ = text;
    i_ = 0;
    error_.clear();
    try {
      json_value v = value();
      space();
      if (i_ != s_.size()) fail("text after the value");
      return v;
    } catch (const std::runtime_error& e) {
      error_ = e.what();
      return std::nullopt;
    }
  }
  const std::string& error() const { return error_; }

 private:
  [[noreturn]] void fail(const std::string& why) {
    throw std::runtime_error(why + " at byte " + std::to_string(i_));
  }
  char peek() { return i_ < s_.size() ? s_[i_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' ||
                              s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  json_value value() {
    space();
    json_value v{json_value::type::null};
    const char c = peek();
    if (c == '{') {
      v.kind = json_value::type::object;
      ++i_;
      space();
      if (peek() == '}') return ++i_, v;
      while (true) {
        space();
        std::string k = string();
        for (const auto& m : v.members)
          if (m.first == k) fail("duplicate key " + k);
        space();
        expect(':');
        v.members.emplace_back(std::move(k), value());
        space();
        if (peek() == ',') {
          ++i_;
          continue;
        }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.kind = json_value::type::array;
      ++i_;
      space();
      if (peek() == ']') return ++i_, v;
      while (true) {
        v.items.push_back(value());
        space();
        if (peek() == ',') {
          ++i_;
          continue;
        }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.kind = json_value::type::string;
      v.text = string();
      return v;
    }
    if (word("true") || word("false")) {
      v.kind = json_value::type::boolean;
      v.boolean = s_[i_ - 1] == 'e' && s_[i_ - 2] == 'u';  // "true"
      return v;
    }
    if (word("null")) return v;
    v.kind = json_value::type::number;
    v.text = number();
    return v;
  }
  std::string number() {
    const std::size_t start = i_;
    auto digits = [&] {
      const std::size_t d = i_;
      while (peek() >= '0' && peek() <= '9') ++i_;
      if (i_ == d) fail("expected a digit");
    };
    if (peek() == '-') ++i_;
    if (peek() == '0') {
      ++i_;
    } else {
      digits();
    }
    if (peek() == '.') ++i_, digits();
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      digits();
    }
    return std::string(s_.substr(start, i_ - start));
  }
  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = peek();
      ++i_;
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        fail("bad \\u escape");
    }
    return v;
  }
  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }
  // Length of the valid UTF-8 sequence at i_, or 0.
  std::size_t utf8_length() {
    const auto b = [&](std::size_t k) {
      return static_cast<unsigned char>(s_[i_ + k]);
    };
    const unsigned char c = b(0);
    std::size_t n = c >= 0xc2 && c <= 0xdf   ? 2
                    : c >= 0xe0 && c <= 0xef ? 3
                    : c >= 0xf0 && c <= 0xf4 ? 4
                                             : 0;
    if (n == 0 || i_ + n > s_.size()) return 0;
    unsigned cp = c & (0xff >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
      if ((b(k) & 0xc0) != 0x80) return 0;
      cp = (cp << 6) | (b(k) & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return 0;
    return n;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (true) {
      if (i_ >= s_.size()) fail("unterminated string");
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') return ++i_, out;
      if (c < 0x20) fail("raw control byte in a string");
      if (c >= 0x80) {
        const std::size_t n = utf8_length();
        if (n == 0) fail("invalid UTF-8");
        out.append(s_.substr(i_, n));
        i_ += n;
        continue;
      }
      ++i_;
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      const char e = peek();
      ++i_;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xdc80 && cp <= 0xdcff) {  // surrogateescape
            out += static_cast<char>(cp - 0xdc00);
            break;
          }
          if (cp >= 0xd800 && cp <= 0xdbff && word("\\u")) {
            const unsigned lo = hex4();
            if (lo < 0xdc00 || lo > 0xdfff) fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          } else if (cp >= 0xd800 && cp <= 0xdfff) {
            fail("lone surrogate");
          }
          put_utf8(out, cp);
          break;
        }
        default:
          fail("bad escape");
      }
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::string error_;
};

}  // namespace aptparse::testing

#endif  // APTPARSE_TESTS_SUPPORT_STRICT_JSON_H_

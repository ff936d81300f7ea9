// A strict JSON validator (RFC 8259): the JSON fuzzer checks with it that
// every transaction the writer prints is one valid JSON value, with valid
// UTF-8 and no raw control characters.
#ifndef APTPARSE_FUZZ_JSON_CHECK_H_
#define APTPARSE_FUZZ_JSON_CHECK_H_

#include <cstddef>
#include <string_view>

namespace aptparse::fuzz {

class json_checker {
 public:
  // Returns true iff `s` is exactly one JSON value (white space around it).
  static bool valid(std::string_view s) {
    json_checker c(s);
    c.ws();
    if (!c.value(0)) return false;
    c.ws();
    return c.i_ == s.size();
  }

 private:
  explicit json_checker(std::string_view s) : s_(s) {}

  bool value(int depth) {
    if (depth > 64 || i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return word("true");
      case 'f': return word("false");
      case 'n': return word("null");
      default: return number();
    }
  }
  bool object(int depth) {
    ++i_;
    ws();
    if (peek('}')) return ++i_, true;
    while (true) {
      ws();
      if (!peek('"') || !string()) return false;
      ws();
      if (!peek(':')) return false;
      ++i_;
      ws();
      if (!value(depth + 1)) return false;
      ws();
      if (peek('}')) return ++i_, true;
      if (!peek(',')) return false;
      ++i_;
    }
  }
  bool array(int depth) {
    ++i_;
    ws();
    if (peek(']')) return ++i_, true;
    while (true) {
      ws();
      if (!value(depth + 1)) return false;
      ws();
      if (peek(']')) return ++i_, true;
      if (!peek(',')) return false;
      ++i_;
    }
  }
  bool string() {
    ++i_;
    while (i_ < s_.size()) {
      auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') return ++i_, true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++i_ >= s_.size()) return false;
        char e = s_[i_];
        if (e == 'u') {
          for (int k = 1; k <= 4; ++k)
            if (i_ + k >= s_.size() || !is_hex(s_[i_ + k])) return false;
          i_ += 5;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos)
          return false;
        ++i_;
        continue;
      }
      if (c < 0x80) {
        ++i_;
        continue;
      }
      if (!utf8()) return false;
    }
    return false;
  }
  bool utf8() {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s_[k]); };
    unsigned char c = b(i_);
    std::size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (n == 0 || c > 0xf4 || i_ + n > s_.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((b(i_ + k) & 0xc0) != 0x80) return false;
    if (c == 0xe0 && b(i_ + 1) < 0xa0) return false;  // overlong
    if (c == 0xed && b(i_ + 1) >= 0xa0) return false;  // surrogate
    if (c == 0xf0 && b(i_ + 1) < 0x90) return false;   // overlong
    if (c == 0xf4 && b(i_ + 1) >= 0x90) return false;  // > U+10FFFF
    i_ += n;
    return true;
  }
  bool number() {
    std::size_t start = i_;
    if (peek('-')) ++i_;
    if (peek('0')) {
      ++i_;
    } else {
      if (!digit()) return false;
      while (digit()) {}
    }
    if (peek('.')) {
      ++i_;
      if (!digit()) return false;
      while (digit()) {}
    }
    if (peek('e') || peek('E')) {
      ++i_;
      if (peek('+') || peek('-')) ++i_;
      if (!digit()) return false;
      while (digit()) {}
    }
    return i_ > start;
  }
  bool digit() {
    if (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') return ++i_, true;
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  static bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
  }
  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' ||
                              s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace aptparse::fuzz

#endif  // APTPARSE_FUZZ_JSON_CHECK_H_

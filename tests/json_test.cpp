#include "aptparse/json.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "support/samples.h"

namespace aptparse {
namespace {

std::string json_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonString, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(json_quoted("a\"b\\c\n\t\x01"), R"("a\"b\\c\n\t\u0001")");
}

TEST(JsonString, KeepsValidUtf8) {
  EXPECT_EQ(json_quoted("Größe 完成"), "\"Größe 完成\"");
}

TEST(JsonString, InvalidUtf8BecomesSurrogateEscapes) {
  EXPECT_EQ(json_quoted("caf\xe9"), R"("caf\udce9")");
  EXPECT_EQ(json_quoted("\xc3\x28"), R"("\udcc3(")");
  EXPECT_EQ(json_quoted("\xed\xa0\x80"),
            R"("\udced\udca0\udc80")");                     // surrogate
  EXPECT_EQ(json_quoted("\xc0\xaf"), R"("\udcc0\udcaf")");  // overlong
  EXPECT_EQ(json_quoted(std::string_view("\0", 1)), R"("\u0000")");
}

// The obvious byte-at-a-time escaper, to check the block-copying one.
std::string reference_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c >= 0x80) {
      // Only two-byte sequences are generated valid below.
      if (c >= 0xc2 && c <= 0xdf && i + 1 < s.size() &&
          (static_cast<unsigned char>(s[i + 1]) & 0xc0) == 0x80) {
        out.append(s.substr(i, 2));
        i += 2;
        continue;
      }
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\udc%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out + "\"";
}

TEST(JsonString, EveryLengthAndEscapePositionMatchesTheReference) {
  // Lengths around the 16-byte blocks, a special byte at every position.
  const std::string specials[] = {"\"",   "\\",       "\n",   "\x01",
                                  "\x7f", "\xc3\xa9", "\xff", "\xe9"};
  for (std::size_t n = 0; n <= 48; ++n) {
    std::string plain(n, 'a');
    for (std::size_t k = 0; k < n; ++k)
      plain[k] = static_cast<char>('a' + k % 26);
    EXPECT_EQ(json_quoted(plain), reference_quoted(plain)) << n;
    for (std::size_t at = 0; at <= n; ++at)
      for (const std::string& sp : specials) {
        std::string s = plain;
        s.insert(at, sp);
        EXPECT_EQ(json_quoted(s), reference_quoted(s)) << n << " at " << at;
      }
  }
}

TEST(JsonString, AppendsAfterExistingText) {
  std::string out = "prefix:";
  append_json_string(out, std::string(40, 'x'));
  EXPECT_EQ(out, "prefix:\"" + std::string(40, 'x') + "\"");
}

TEST(Json, TransactionObjectHasEverySetAndTheSpan) {
  report r = parse(testing::kRemovePurge);
  std::string j = to_json(r.transactions.at(0), "x.log");
  EXPECT_EQ(j.rfind("{\"source\":\"x.log\",\"first_line\":1,", 0), 0u) << j;
  for (int s = 0; s < pkg_set_count; ++s)
    EXPECT_NE(
        j.find("\"" + std::string(set_name(static_cast<pkg_set>(s))) + "\":["),
        std::string::npos);
  EXPECT_NE(j.find(R"({"name":"nano","arch":null,"old":"7.2-1","new":null,)"
                   R"("purge":true,"simulated":true})"),
            std::string::npos)
      << j;
  EXPECT_NE(j.find(R"("counts":{"upgraded":0,"newly_installed":0,)"),
            std::string::npos);
  EXPECT_NE(j.find(R"("disk_change":-4096000)"), std::string::npos);
  EXPECT_EQ(j.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace aptparse

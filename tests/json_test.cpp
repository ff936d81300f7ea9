#include "aptparse/json.h"

#include <gtest/gtest.h>

#include "support/samples.h"

namespace aptparse {
namespace {

std::string quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonString, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(quoted("a\"b\\c\n\t\x01"), R"("a\"b\\c\n\t\u0001")");
}

TEST(JsonString, KeepsValidUtf8) {
  EXPECT_EQ(quoted("Größe 完成"), "\"Größe 完成\"");
}

TEST(JsonString, InvalidUtf8BecomesSurrogateEscapes) {
  EXPECT_EQ(quoted("caf\xe9"), R"("caf\udce9")");
  EXPECT_EQ(quoted("\xc3\x28"), R"("\udcc3(")");
  EXPECT_EQ(quoted("\xed\xa0\x80"), R"("\udced\udca0\udc80")");  // surrogate
  EXPECT_EQ(quoted("\xc0\xaf"), R"("\udcc0\udcaf")");  // overlong
  EXPECT_EQ(quoted(std::string_view("\0", 1)), R"("\u0000")");
}

TEST(Json, TransactionObjectHasEverySetAndTheSpan) {
  report r = parse(testing::kRemovePurge);
  std::string j = to_json(r.transactions.at(0), "x.log");
  EXPECT_EQ(j.rfind("{\"source\":\"x.log\",\"first_line\":1,", 0), 0u) << j;
  for (int s = 0; s < pkg_set_count; ++s)
    EXPECT_NE(j.find("\"" + std::string(set_name(static_cast<pkg_set>(s))) +
                     "\":["),
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

#include "util/debversion.h"

#include <gtest/gtest.h>

namespace aptparse::detail {
namespace {

int sign(int v) { return (v > 0) - (v < 0); }

TEST(CompareVersions, OrdersAsDpkgDoes) {
  // Each case also checked against `dpkg --compare-versions` when written.
  struct {
    const char* a;
    const char* b;
    int expected;
  } cases[] = {
      {"1.0", "1.0", 0},
      {"1.0-1", "1.0-2", -1},
      {"2.36-9+deb12u10", "2.36-9+deb12u7", 1},
      {"1.0~rc1", "1.0", -1},  // '~' sorts before the end
      {"1:0.9", "2.0", 1},      // epoch wins
      {"1.0a", "1.0", 1},
      {"1.0.", "1.0a", 1},      // non-letters sort after letters
      {"20250419~deb12u2", "20230311+deb12u1", 1},
      {"0.16.1-2+b1", "0.16.1-2", 1},
      {"3.0.16-1~deb12u1", "3.0.15-1~deb12u1", 1},
      {"1.10", "1.9", 1},
      {"1.001", "1.1", 0},
      // Where the fast path (common prefix skipped) must agree with dpkg:
      {"1.0-1", "1.0-1.1", -1},
      {"1.0-1", "1.0-1-2", -1},  // upstream "1.0" vs "1.0-1": the split moves
      {"1:1.0", "1:1.0~rc1", 1},
      {"2:1.0", "10:1.0", -1},
      {"1.0-10", "1.0-9", 1},
      {"1.0a-1", "1.0-1", 1},
      {"0.9~", "0.9", -1},
      {"3.0.16-1~deb12u1", "3.0.16-1", -1},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(sign(compare_versions(c.a, c.b)), c.expected)
        << c.a << " vs " << c.b;
    EXPECT_EQ(sign(compare_versions(c.b, c.a)), -c.expected)
        << c.b << " vs " << c.a;
  }
}

}  // namespace
}  // namespace aptparse::detail

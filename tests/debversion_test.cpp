#include "util/debversion.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

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
      {"1:0.9", "2.0", 1},     // epoch wins
      {"1.0a", "1.0", 1},
      {"1.0.", "1.0a", 1},  // non-letters sort after letters
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

// dpkg's algorithm as written (lib/dpkg/version.c): split at the first ':'
// and the last '-', then verrevcmp each part from its start. The library
// skips common prefixes and avoids library calls; it must agree.
int order_ref(char c) {
  if (c >= '0' && c <= '9') return 0;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return c;
  if (c == '~') return -1;
  if (c) return static_cast<unsigned char>(c) + 256;
  return 0;
}

int verrevcmp_ref(std::string a, std::string b) {
  const char* x = a.c_str();
  const char* y = b.c_str();
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (*x || *y) {
    int first_diff = 0;
    while ((*x && !digit(*x)) || (*y && !digit(*y))) {
      int ac = order_ref(*x), bc = order_ref(*y);
      if (ac != bc) return ac - bc;
      if (*x) ++x;
      if (*y) ++y;
    }
    while (*x == '0') ++x;
    while (*y == '0') ++y;
    while (digit(*x) && digit(*y)) {
      if (!first_diff) first_diff = *x - *y;
      ++x;
      ++y;
    }
    if (digit(*x)) return 1;
    if (digit(*y)) return -1;
    if (first_diff) return first_diff;
  }
  return 0;
}

int compare_ref(const std::string& a, const std::string& b) {
  auto split = [](std::string v, unsigned long& epoch, std::string& up,
                  std::string& rev) {
    epoch = 0;
    if (auto c = v.find(':'); c != std::string::npos) {
      epoch = std::stoul("0" + v.substr(0, c));
      v = v.substr(c + 1);
    }
    rev.clear();
    if (auto d = v.rfind('-'); d != std::string::npos) {
      rev = v.substr(d + 1);
      v = v.substr(0, d);
    }
    up = v;
  };
  unsigned long ea, eb;
  std::string ua, ra, ub, rb;
  split(a, ea, ua, ra);
  split(b, eb, ub, rb);
  if (ea != eb) return ea < eb ? -1 : 1;
  if (int c = verrevcmp_ref(ua, ub)) return c;
  return verrevcmp_ref(ra, rb);
}

// A NUL byte sorts as the string's end does (dpkg's order() of '\0' is
// 0), so a part's scan may step past the end of the shorter one: the
// comparison must read only its own bytes. A fuzzed simulate line found a
// version of one byte against one of eleven NULs throwing out_of_range.
TEST(CompareVersions, NulBytesSortAsTheEndWithoutReadingPastIt) {
  using namespace std::string_literals;
  const std::string one = "1.\0"s, many = "1.\0\0\0\0\0\0\0\0\0\0\0"s;
  EXPECT_EQ(compare_versions(one, many), 0);
  EXPECT_EQ(compare_versions(many, one), 0);
  EXPECT_LT(compare_versions("1.\0"s + "1", "1.\0\0\0"s + "2"), 0);
  EXPECT_GT(compare_versions("1-\0\0\0"s + "5", "1-\0"s + "4"), 0);
}

TEST(CompareVersions, AgreesWithDpkgsAlgorithmOnRandomVersions) {
  // Versions built from the characters that matter, often sharing long
  // prefixes (as two versions of one package do).
  std::mt19937 rng(42);
  // ',' and ';' sit just above '-' and ':' (byte-wise tricks must not
  // confuse them); long pieces cross the eight-byte blocks.
  const std::string alphabet = "0123456789..~~+--:ab,;";
  auto piece = [&](std::size_t len) {
    std::string s;
    for (std::size_t i = 0; i < len; ++i)
      s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int i = 0; i < 200000; ++i) {
    // Epochs stay digit strings: dpkg rejects others, and the parser never
    // compares them.
    std::string stem = (rng() % 4 == 0 ? std::to_string(rng() % 3) + ":" : "") +
                       std::to_string(rng() % 20) + piece(rng() % 14);
    for (char& c : stem)
      if (c == ':' && &c != &stem[stem.find(':')]) c = '.';
    std::string a = stem + piece(rng() % 12), b = stem + piece(rng() % 12);
    for (std::string* v : {&a, &b})
      for (std::size_t k = 0; k < v->size(); ++k)
        if ((*v)[k] == ':' && k != v->find(':')) (*v)[k] = '.';
    if (a.find(':') != std::string::npos &&
        a.substr(0, a.find(':')).find_first_not_of("0123456789") !=
            std::string::npos)
      continue;
    if (b.find(':') != std::string::npos &&
        b.substr(0, b.find(':')).find_first_not_of("0123456789") !=
            std::string::npos)
      continue;
    ASSERT_EQ(sign(compare_versions(a, b)), sign(compare_ref(a, b)))
        << a << " vs " << b;
  }
}

// True iff v has no epoch or a decimal one that fits (dpkg rejects
// others, and the parser never compares them).
bool epoch_ok(const std::string& v) {
  const auto c = v.find(':');
  return c == std::string::npos ||
         (c < 10 &&
          v.substr(0, c).find_first_not_of("0123456789") == std::string::npos);
}

// len bytes of `alphabet`, each a '0' one time in `zero_every`.
std::string random_piece(std::mt19937& rng, const std::string& alphabet,
                         std::size_t len, unsigned zero_every) {
  std::string s;
  for (std::size_t i = 0; i < len; ++i)
    s += rng() % zero_every == 0 ? '0' : alphabet[rng() % alphabet.size()];
  return s;
}

TEST(CompareVersions,
     AgreesWithDpkgsAlgorithmWhereDigitRunsFollowTheSharedPrefix) {
  // Pairs whose difference starts in or at a digit run (where the digit
  // run fast path decides), with leading zeros, ':' and several '-' in the
  // rests, empty parts and one version a prefix of the other.
  std::mt19937 rng(15);
  const std::string alphabet = "0123456789.:~-+a";
  auto piece = [&](std::size_t len) {
    return random_piece(rng, alphabet, len, 4);
  };
  auto digits = [&](std::size_t len) {
    std::string s(rng() % 3, '0');  // leading zeros
    for (std::size_t i = 0; i < len; ++i)
      s += static_cast<char>('0' + rng() % 10);
    return s;
  };
  for (int i = 0; i < 300000; ++i) {
    std::string stem = (rng() % 4 == 0 ? std::to_string(rng() % 3) + ":" : "") +
                       piece(rng() % 10) + digits(rng() % 3);
    std::string a = stem + digits(rng() % 3) + piece(rng() % 8);
    std::string b = stem + digits(rng() % 3) + piece(rng() % 8);
    if (rng() % 8 == 0) b = a.substr(0, rng() % (a.size() + 1));
    if (!epoch_ok(a) || !epoch_ok(b)) continue;
    ASSERT_EQ(sign(compare_versions(a, b)), sign(compare_ref(a, b)))
        << a << " vs " << b;
    ASSERT_EQ(sign(compare_versions(b, a)), sign(compare_ref(b, a)))
        << b << " vs " << a;
  }
}

TEST(CompareVersions, ShortVersionsReadWithinTheirBytesAgreeWithDpkg) {
  // Versions of 0-17 and 0-33 bytes (the mask paths take those of at most
  // 16 and 32) as views into a buffer whose next bytes are digits, '-' and
  // ':': a read past a version's end would lengthen its digit run or find
  // a '-' or ':' in its rest. '/' and ':' sit next to '0' and '9', 0xff
  // is high.
  std::mt19937 rng(13);
  const std::string alphabet = "0123456789.:~-+a/\xff";
  auto piece = [&](std::size_t len) {
    return random_piece(rng, alphabet, len, 5);
  };
  for (int i = 0; i < 600000; ++i) {
    const std::size_t most = i % 2 == 0 ? 17 : 33;
    const std::string stem = piece(rng() % (most - 5));
    std::string a = stem + piece(rng() % 7), b = stem + piece(rng() % 7);
    if (a.size() > most) a.resize(most);
    if (b.size() > most) b.resize(most);
    if (rng() % 8 == 0) b = a.substr(0, rng() % (a.size() + 1));
    if (!epoch_ok(a) || !epoch_ok(b)) continue;
    const std::string buf_a = a + "9-9:" + piece(8),
                      buf_b = b + "1:1-" + piece(8);
    const std::string_view va(buf_a.data(), a.size()),
        vb(buf_b.data(), b.size());
    ASSERT_EQ(sign(compare_versions(va, vb)), sign(compare_ref(a, b)))
        << a << " vs " << b;
    ASSERT_EQ(sign(compare_versions(vb, va)), sign(compare_ref(b, a)))
        << b << " vs " << a;
  }
}

TEST(CompareVersions, ShortVersionsFirstDifferenceAgreesWithDpkg) {
  // Every pair of tails after a shared stem, the mask path's cases: the
  // first difference at a non-digit or the end ('~', letters, '+', '.',
  // '-'), digit runs of a lone '0' and with leading zeros, a '-' in the
  // stem (p in the revision) or after it in one version only, an epoch.
  const char* stems[] = {"",      "1",      "1.",   "1.0",    "10",
                         "1:1.0", "1.0-1",  "1.0-", "2.36-9", "1.0~",
                         "0",     "1.0a",   "2026", "5.",     "1-2:3",
                         "1.00",  "3.0-1.", "a",    "1:"};
  const char* tails[] = {"",     "~",     "~rc1", "+b1",  "a",    "Z",  ".",
                         "-1",   "-0",    "0",    "0.5",  "5",    "10", "00",
                         "01",   "-1+b1", ".0",   "~d13", "+d12", "-",  "a-1",
                         ".5-2", "~-1",   "9-1",  "0-1",  "b",    "+",  "~~"};
  // Each stem also after 14 and 22 bytes (the wide path, and the second
  // vector's first bytes).
  const char* leads[] = {"", "1.2.3.4.5.6.7.", "1:1.3.dfsg+really1.3.1"};
  for (const char* lead : leads) {
    for (const char* stem : stems) {
      for (const char* ta : tails) {
        for (const char* tb : tails) {
          const std::string a = std::string(lead) + stem + ta,
                            b = std::string(lead) + stem + tb;
          if (!epoch_ok(a) || !epoch_ok(b)) continue;
          // Views followed by bytes that would change the answer if read.
          const std::string buf_a = a + "9-9:", buf_b = b + "1:1-";
          const std::string_view va(buf_a.data(), a.size()),
              vb(buf_b.data(), b.size());
          ASSERT_EQ(sign(compare_versions(va, vb)), sign(compare_ref(a, b)))
              << a << " vs " << b;
        }
      }
    }
  }
  // The brief's tricky pairs, against dpkg's answers.
  EXPECT_LT(compare_versions("1.0~rc1", "1.0"), 0);
  EXPECT_GT(compare_versions("1:0", "2"), 0);
  EXPECT_LT(compare_versions("1.0a", "1.0+"), 0);
  EXPECT_GT(compare_versions("1.10", "1.9"), 0);
}

}  // namespace
}  // namespace aptparse::detail

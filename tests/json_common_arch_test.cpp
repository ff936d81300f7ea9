// The JSON writer's common arches (report/common_arches.h): a package whose
// arch is one of the builder's static names is written from a literal made
// at compile time. It must write what the string path writes for an equal
// arch held anywhere else, and must not take a copy or a part of a name
// for the name.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>

#include "aptparse/json.h"
#include "aptparse/report.h"
#include "report/common_arches.h"

namespace aptparse {
namespace {

using detail::common_arch;
using detail::common_arch_index;
using detail::kCommonArchCount;

TEST(JsonCommonArch, OnlyTheNamesThemselvesAreKnownByAddress) {
  for (std::size_t i = 0; i < kCommonArchCount; ++i) {
    const std::string_view a = common_arch(i);
    EXPECT_EQ(common_arch_index(a), static_cast<int>(i));
    const std::string copy(a);
    EXPECT_EQ(common_arch_index(copy), -1) << a;
    for (std::size_t from = 0; from < a.size(); ++from)
      for (std::size_t n = 0; from + n <= a.size(); ++n)
        if (from != 0 || n != a.size())
          EXPECT_EQ(common_arch_index(a.substr(from, n)), -1)
              << a << " " << from << " " << n;
    // One past the name, into the padding or the next name.
    EXPECT_EQ(common_arch_index(std::string_view(a.data(), a.size() + 1)), -1);
  }
  EXPECT_EQ(common_arch_index(""), -1);
  EXPECT_EQ(common_arch_index(std::string_view()), -1);
}

TEST(JsonCommonArch, WritesWhatAnEqualArchHeldElsewhereWrites) {
  std::mt19937 rng(10);
  const std::string others[] = {"", "armhf", "s390x", "amd64x", "x\"y"};
  for (int round = 0; round < 300; ++round) {
    transaction fast, slow;
    std::vector<std::unique_ptr<std::string>> held;
    const int n = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < n; ++k) {
      package p;
      p.name = "pkg";
      p.new_version = rng() % 2 ? "1.0-2" : "";
      p.purge = rng() % 2;
      package q = p;
      if (rng() % 4 != 0) {
        const std::string_view a = common_arch(rng() % kCommonArchCount);
        p.arch = a;
        held.push_back(std::make_unique<std::string>(a));
        q.arch = *held.back();
      } else {
        held.push_back(
            std::make_unique<std::string>(others[rng() % std::size(others)]));
        p.arch = q.arch = *held.back();
      }
      const auto s = static_cast<pkg_set>(rng() % pkg_set_count);
      fast.add(s, p);
      slow.add(s, q);
    }
    std::string a, b;
    append_json(a, fast, "x.log");
    append_json(b, slow, "x.log");
    ASSERT_EQ(a, b);
  }
}

}  // namespace
}  // namespace aptparse

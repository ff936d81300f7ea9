// The --fail-on reasons (cli/fail_on.h) of transactions built by hand and
// parsed from real apt output.
#include "cli/fail_on.h"

#include <gtest/gtest.h>

#include "aptparse/aptparse.h"

namespace aptparse::cli {
namespace {

TEST(FailOn, CleanTransactionMeetsNoReason) {
  EXPECT_EQ(fail_reasons(transaction{}), 0u);
}

TEST(FailOn, ErrorMessageHistoryErrorAndFailedSetAreErrors) {
  transaction by_message;
  by_message.messages.push_back({message_level::error, "E: boom", {}});
  EXPECT_EQ(fail_reasons(by_message), fail_error);

  transaction warning_only;
  warning_only.messages.push_back({message_level::warning, "W: hm", {}});
  EXPECT_EQ(fail_reasons(warning_only), 0u);

  transaction by_record;
  by_record.error = "Sub-process /usr/bin/dpkg returned an error code (1)";
  EXPECT_EQ(fail_reasons(by_record), fail_error);

  transaction by_failed_set;
  by_failed_set.failed.push_back(package{.name = "foo"});
  EXPECT_EQ(fail_reasons(by_failed_set), fail_error);
}

TEST(FailOn, CountsThatDisagreeAreInconsistent) {
  const report r = parse(
      "The following packages will be upgraded:\n  libc6 tzdata\n"
      "3 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
  ASSERT_EQ(r.transactions.size(), 1u);
  EXPECT_EQ(fail_reasons(r.transactions[0]), fail_inconsistent);
}

TEST(FailOn, NamesAreTheBitsInOrder) {
  const auto names = fail_on_names();
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "error");  // bit 0: fail_error
  EXPECT_EQ(names[1], "inconsistent");
  EXPECT_EQ(fail_error, 1u << 0);
  EXPECT_EQ(fail_inconsistent, 1u << 1);
}

}  // namespace
}  // namespace aptparse::cli

// The origin rules (src/classify/origin.cpp): which origins are security
// archives, which are not, and which texts name no origin.
#include "classify/origin.h"

#include <gtest/gtest.h>

namespace aptparse::detail {
namespace {

TEST(Origin, SimulateLinesSecurityLabelOrSuite) {
  EXPECT_EQ(origins_security("Debian-Security:12/stable-security"), true);
  EXPECT_EQ(origins_security("Debian-Security:12/oldstable-security"), true);
  EXPECT_EQ(origins_security("Debian:12.5/stable"), false);
  EXPECT_EQ(origins_security("Ubuntu:22.04/jammy-updates"), false);
  EXPECT_EQ(origins_security("Ubuntu:22.04/jammy-security"), true);
}

TEST(Origin, AnyEntryOfAListMakesItSecurity) {
  EXPECT_EQ(origins_security("Debian:12.11/stable, "
                             "Debian-Security:12/stable-security"),
            true);
  EXPECT_EQ(origins_security("Ubuntu:24.04/noble-updates, "
                             "Ubuntu:24.04/noble-security"),
            true);
  EXPECT_EQ(
      origins_security("Debian:12.11/stable, Debian:12.11/stable-updates"),
      false);
}

TEST(Origin, UbuntuEsmArchives) {
  EXPECT_EQ(origins_security("UbuntuESM:22.04/jammy-infra-security"), true);
  EXPECT_EQ(origins_security("UbuntuESMApps:22.04/jammy-apps-security"), true);
  // The label alone says ESM, whatever the suite is called.
  EXPECT_EQ(origins_security("UbuntuESMApps:22.04/jammy-apps-updates"), true);
  EXPECT_EQ(origins_security("jammy-infra-updates"), true);
  EXPECT_EQ(origins_security("esm-infra"), true);
  EXPECT_EQ(origins_security("esm-apps"), true);
}

TEST(Origin, AptListSuites) {
  EXPECT_EQ(origins_security("bookworm-security"), true);
  EXPECT_EQ(origins_security("noble-updates,noble-security"), true);
  EXPECT_EQ(origins_security("oldstable,now"), false);
  EXPECT_EQ(origins_security("testing"), false);
}

TEST(Origin, NoOriginNamedIsNull) {
  EXPECT_EQ(origins_security(""), std::nullopt);
  EXPECT_EQ(origins_security("now"), std::nullopt);
  EXPECT_EQ(origins_security(" , "), std::nullopt);
  // "now" does not hide an archive named beside it.
  EXPECT_EQ(origins_security("now,bookworm-security"), true);
}

TEST(Origin, SecurityMustBeTheSuffixNotASubstring) {
  EXPECT_EQ(origins_security("security-tools"), false);
  EXPECT_EQ(origins_security("Debian-Security-Backports:12/bookworm"), false);
}

TEST(Origin, EitherPrefersTrueThenFalse) {
  EXPECT_EQ(either(std::nullopt, false), false);
  EXPECT_EQ(either(false, true), true);
  EXPECT_EQ(either(std::nullopt, std::nullopt), std::nullopt);
  EXPECT_EQ(either(true, std::nullopt), true);
}

}  // namespace
}  // namespace aptparse::detail

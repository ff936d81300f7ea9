// Small inputs for the unit tests, each written in apt's formats as apt's
// source prints them (apt-private/private-output.cc and friends). The
// chunking test replays every one of them, so a behaviour that a unit test
// checks is also checked under every chunking. Real captured logs live in
// corpus/ and have their own golden test.
#ifndef APTPARSE_TESTS_SUPPORT_SAMPLES_H_
#define APTPARSE_TESTS_SUPPORT_SAMPLES_H_

#include <string_view>

namespace aptparse::testing {

struct sample {
  std::string_view name;
  std::string_view text;
};

inline constexpr std::string_view kUpgradeSimulated =
    "Reading package lists...\n"
    "Building dependency tree...\n"
    "Reading state information...\n"
    "Calculating upgrade...\n"
    "The following packages have been kept back:\n"
    "  linux-image-amd64\n"
    "The following packages will be upgraded:\n"
    "  libc-bin libc6 tzdata\n"
    "3 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.\n"
    "Inst libc6 [2.36-9+deb12u7] (2.36-9+deb12u10 Debian:12.11/stable, "
    "Debian-Security:12/stable-security [amd64]) [libc-bin:amd64 ]\n"
    "Inst libc-bin [2.36-9+deb12u7] (2.36-9+deb12u10 Debian:12.11/stable, "
    "Debian-Security:12/stable-security [amd64])\n"
    "Conf libc6 (2.36-9+deb12u10 Debian:12.11/stable, "
    "Debian-Security:12/stable-security [amd64])\n"
    "Conf libc-bin (2.36-9+deb12u10 Debian:12.11/stable, "
    "Debian-Security:12/stable-security [amd64])\n"
    "Inst tzdata [2024a-0+deb12u1] (2025b-0+deb12u1 Debian:12.11/stable-updates "
    "[all])\n"
    "Conf tzdata (2025b-0+deb12u1 Debian:12.11/stable-updates [all])\n";

inline constexpr std::string_view kInstallWithSuggested =
    "Reading package lists...\n"
    "Building dependency tree...\n"
    "Reading state information...\n"
    "The following additional packages will be installed:\n"
    "  git-man liberror-perl libcurl3-gnutls\n"
    "Suggested packages:\n"
    "  gettext-base git-daemon-run | git-daemon-sysvinit git-doc git-email\n"
    "Recommended packages:\n"
    "  less ssh-client\n"
    "The following NEW packages will be installed:\n"
    "  git git-man liberror-perl\n"
    "The following packages will be upgraded:\n"
    "  libcurl3-gnutls\n"
    "1 upgraded, 3 newly installed, 0 to remove and 12 not upgraded.\n"
    "Need to get 9,417 kB/9,762 kB of archives.\n"
    "After this operation, 48.1 MB of additional disk space will be used.\n"
    "Do you want to continue? [Y/n] Abort.\n";

inline constexpr std::string_view kUpgradeVerbose =
    "Reading package lists...\n"
    "Building dependency tree...\n"
    "Reading state information...\n"
    "Calculating upgrade...\n"
    "The following packages have been kept back:\n"
    "   linux-image-amd64 (6.1.90-1 => 6.1.99-1)\n"
    "The following packages will be upgraded:\n"
    "   libc6 (2.36-9+deb12u7 => 2.36-9+deb12u10)\n"
    "   tzdata (2024a-0+deb12u1 => 2025b-0+deb12u1)\n"
    "2 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.\n"
    "Need to get 3,016 kB of archives.\n"
    "After this operation, 12.3 kB of additional disk space will be used.\n";

inline constexpr std::string_view kRemovePurge =
    "Reading package lists...\n"
    "Building dependency tree...\n"
    "Reading state information...\n"
    "The following package was automatically installed and is no longer "
    "required:\n"
    "  libfoo1\n"
    "Use 'apt autoremove' to remove it.\n"
    "The following packages will be REMOVED:\n"
    "  nano* vim-tiny:i386 vim-common*\n"
    "0 upgraded, 0 newly installed, 3 to remove and 0 not upgraded.\n"
    "After this operation, 4,096 kB disk space will be freed.\n"
    "Purg nano [7.2-1]\n"
    "Remv vim-tiny:i386 [2:9.0.1378-2]\n"
    "Purg vim-common [2:9.0.1378-2]\n";

inline constexpr std::string_view kSimulateQuiet =
    "Inst libssl3 [3.0.15-1~deb12u1] (3.0.16-1~deb12u1 "
    "Debian-Security:12/stable-security [amd64])\n"
    "Inst newpkg (1.0-1 Debian:12.11/stable [amd64])\n"
    "Inst olderpkg [2.0-1] (1.9-3 Debian:12.11/stable [all])\n"
    "Inst samepkg [1.0-1] (1.0-1 Debian:12.11/stable [amd64])\n"
    "Conf libssl3 (3.0.16-1~deb12u1 Debian-Security:12/stable-security "
    "[amd64])\n"
    "Remv oldpkg [0.9-1]\n";

inline constexpr std::string_view kApt3Layout =
    "Reading package lists... Done\n"
    "Building dependency tree... Done\n"
    "Reading state information... Done\n"
    "Upgrading:\n"
    "  libc-bin  libc6  tzdata\n"
    "\n"
    "Installing:\n"
    "  git\n"
    "\n"
    "Installing dependencies:\n"
    "  git-man  liberror-perl\n"
    "\n"
    "Not upgrading:\n"
    "  linux-image-amd64\n"
    "\n"
    "REMOVING:\n"
    "  nano*\n"
    "\n"
    "Summary:\n"
    "  Upgrading: 3, Installing: 3, Removing: 1, Not Upgrading: 1\n"
    "  Download size: 12.5 MB\n"
    "  Space needed: 20.1 MB / 40.2 GB available\n"
    "\n";

inline constexpr std::string_view kUnmetDependencies =
    "Reading package lists...\n"
    "Building dependency tree...\n"
    "Reading state information...\n"
    "Some packages could not be installed. This may mean that you have\n"
    "requested an impossible situation or if you are using the unstable\n"
    "distribution that some required packages have not yet been created\n"
    "or been moved out of Incoming.\n"
    "The following information may help to resolve the situation:\n"
    "\n"
    "The following packages have unmet dependencies:\n"
    " foo : Depends: libbar (>= 2.0) but 1.0-1 is to be installed\n"
    "       Recommends: baz but it is not going to be installed\n"
    "E: Unable to correct problems, you have held broken packages.\n";

inline constexpr std::string_view kGermanSummary =
    "Paketlisten werden gelesen…\n"
    "Die folgenden Pakete werden aktualisiert (Upgrade):\n"
    "  libc6 tzdata\n"
    "2 aktualisiert, 0 neu installiert, 0 zu entfernen und 0 nicht "
    "aktualisiert.\n"
    "Es müssen 3.016 kB an Archiven heruntergeladen werden.\n";

inline constexpr std::string_view kTerminal =
    "\rReading package lists... 0%\rReading package lists... Done\r\n"
    "The following packages will be upgraded:\r\n"
    "  \x1b[32mlibc6\x1b[0m tzdata\r\n"
    "2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\r\n"
    "Setting up tzdata (2025b-0+deb12u1) ...\r\n"
    "\x1b"
    "7\x1b[24;0f\x1b[42m\x1b[30mProgress: [ 90%]\x1b[49m\x1b[39m "
    "[####......] \x1b"
    "8Setting up libc6 (2.36-9+deb12u10) ...\r\n";

inline constexpr std::string_view kTwoRuns =
    "Hit:1 http://deb.debian.org/debian bookworm InRelease\n"
    "Reading package lists...\n"
    "W: Some index files failed to download. They have been ignored, or old "
    "ones used instead.\n"
    "Reading package lists...\n"
    "Building dependency tree...\n"
    "The following packages will be upgraded:\n"
    "  tzdata\n"
    "1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"
    "Reading package lists...\n"
    "Building dependency tree...\n"
    "The following NEW packages will be installed:\n"
    "  jq\n"
    "0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\n";

inline constexpr std::string_view kTruncated =
    "Reading package lists...\n"
    "The following packages will be upgraded:\n"
    "  libc6 tzd";

inline constexpr std::string_view kEssential =
    "Reading package lists...\n"
    "WARNING: The following essential packages will be removed.\n"
    "This should NOT be done unless you know exactly what you are doing!\n"
    "  login (due to libpam-runtime)\n"
    "0 upgraded, 0 newly installed, 1 to remove and 0 not upgraded.\n";

// Ubuntu 24.04's `apt upgrade` with the Ubuntu Pro hook's advert, APT news
// and statistics (ubuntu-pro-client apt-hook).
inline constexpr std::string_view kUbuntuPro =
    "Reading package lists... Done\n"
    "Building dependency tree... Done\n"
    "Reading state information... Done\n"
    "Calculating upgrade... Done\n"
    "Get more security updates through Ubuntu Pro with 'esm-apps' enabled:\n"
    "  libjs-jquery-ui python3-pil\n"
    "Learn more about Ubuntu Pro at https://ubuntu.com/pro\n"
    "#\n"
    "# News about significant security updates, features and services will\n"
    "# appear here to raise awareness and perhaps tease /r/Linux ;)\n"
    "#\n"
    "The following upgrades have been deferred due to phasing:\n"
    "  python3-distupgrade\n"
    "The following packages will be upgraded:\n"
    "  libssl3t64 openssl\n"
    "2 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.\n"
    "2 standard LTS security updates\n"
    "Need to get 3,016 kB of archives.\n";

// Binary bytes, a NUL inside a name, invalid UTF-8.
inline constexpr char kGarbageBytes[] =
    "\x00\x01\xff\xfe garbage\n\xc3\x28 invalid utf-8\n"
    "The following packages will be upgraded:\n"
    "  caf\xe9 \x00nul\n"
    "not a summary line\n";
inline constexpr std::string_view kGarbage(kGarbageBytes,
                                           sizeof(kGarbageBytes) - 1);

inline constexpr sample kSamples[] = {
    {"upgrade_simulated", kUpgradeSimulated},
    {"install_with_suggested", kInstallWithSuggested},
    {"upgrade_verbose", kUpgradeVerbose},
    {"remove_purge", kRemovePurge},
    {"simulate_quiet", kSimulateQuiet},
    {"apt3_layout", kApt3Layout},
    {"unmet_dependencies", kUnmetDependencies},
    {"german_summary", kGermanSummary},
    {"terminal", kTerminal},
    {"two_runs", kTwoRuns},
    {"truncated", kTruncated},
    {"essential", kEssential},
    {"garbage", kGarbage},
    {"ubuntu_pro", kUbuntuPro},
};

}  // namespace aptparse::testing

#endif  // APTPARSE_TESTS_SUPPORT_SAMPLES_H_

// Stage 2e: what a "Get:%lu %s" line fetched (apt-private/acqprogress.cc
// prints the item's description; for a package, pkgAcqArchive's is the
// index's ArchiveInfo()):
//
//   URI suite/component index-arch name arch version [size]
//
// Lines of index files ("URI suite InRelease [151 kB]", "URI
// suite/main amd64 Packages [8,786 kB]") and of local .deb files have
// fewer fields, or no suite/component, and are not packages.
#ifndef APTPARSE_SRC_CLASSIFY_DOWNLOAD_LINE_H_
#define APTPARSE_SRC_CLASSIFY_DOWNLOAD_LINE_H_

#include <string_view>

namespace aptparse::detail {

struct download_fields {
  std::string_view suite;  // "bookworm-security"
  std::string_view name;
  std::string_view arch;
  std::string_view version;
};

// Parses the description (the %s of "Get:%lu %s"). Returns false if it is
// not a package's.
bool parse_download(std::string_view description,
                    download_fields& out) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_DOWNLOAD_LINE_H_

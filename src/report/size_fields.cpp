#include "report/size_fields.h"

#include <iterator>
#include <optional>

namespace aptparse::detail {
namespace {

// The unsigned field of each size_kind, in the enumeration's order;
// disk_used and disk_freed (null) both set the signed disk_change.
constexpr std::optional<std::uint64_t> sizes::*kUnsignedSize[] = {
    &sizes::download,
    &sizes::download_total,
    nullptr,
    nullptr,
    &sizes::disk_available,
    &sizes::boot_needed,
    &sizes::boot_available};
static_assert(std::size(kUnsignedSize) ==
              static_cast<std::size_t>(size_kind::boot_available) + 1);

}  // namespace

void store_size(sizes& s, size_kind kind, std::uint64_t bytes) {
  const auto signed_bytes = static_cast<std::int64_t>(bytes);
  if (kind == size_kind::disk_used) {
    s.disk_change = signed_bytes;
  } else if (kind == size_kind::disk_freed) {
    s.disk_change = -signed_bytes;
  } else {
    s.*kUnsignedSize[static_cast<std::size_t>(kind)] = bytes;
  }
}

}  // namespace aptparse::detail

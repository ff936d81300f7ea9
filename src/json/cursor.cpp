// This thread's scratch memory for the JSON writer (see cursor.h).
#include "json/cursor.h"

#include <algorithm>
#include <memory>

namespace aptparse::detail {
namespace {

// Kept from one object to the next: it grows to the largest object's
// room and is not allocated again.
struct scratch {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
};

thread_local scratch t_scratch;

}  // namespace

json_cursor::json_cursor()
    : begin_(t_scratch.data.get()), w_(begin_), end_(begin_ + t_scratch.size) {}

// Above kKeptScratch, the scratch memory is given back after the object.
void json_cursor::release() { t_scratch = scratch{}; }

void json_cursor::grow(std::size_t n) {
  const auto used = static_cast<std::size_t>(w_ - begin_);
  const std::size_t size =
      std::max({std::size_t{4096}, 2 * t_scratch.size, used + n});
  // new char[] leaves the bytes unset: nothing is filled.
  std::unique_ptr<char[]> bigger(new char[size]);
  if (used != 0) std::memcpy(bigger.get(), begin_, used);
  t_scratch.data = std::move(bigger);
  t_scratch.size = size;
  begin_ = t_scratch.data.get();
  w_ = begin_ + used;
  end_ = begin_ + size;
}

}  // namespace aptparse::detail

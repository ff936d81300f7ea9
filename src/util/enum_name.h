// The name of an enumerator numbered 0, 1, 2, ... from a table of names.
#ifndef APTPARSE_SRC_UTIL_ENUM_NAME_H_
#define APTPARSE_SRC_UTIL_ENUM_NAME_H_

#include <cstddef>
#include <string_view>

namespace aptparse::detail {

// `names[v]`, or `fallback` for a value outside the enumeration.
template <class E, std::size_t N>
constexpr std::string_view name_in(const std::string_view (&names)[N], E v,
                                   std::string_view fallback) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : fallback;
}

}  // namespace aptparse::detail

// Defines the public accessor `std::string_view fn(E v) noexcept`: the name
// of `v` in the array `names`, or `fallback` outside it. The one definition
// of every *_name() function (names.cpp, compare_names.cpp).
#define APTPARSE_DEFINE_ENUM_NAME(fn, E, names, fallback)   \
  std::string_view fn(E v) noexcept {                       \
    return ::aptparse::detail::name_in(names, v, fallback); \
  }

#endif  // APTPARSE_SRC_UTIL_ENUM_NAME_H_

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

#endif  // APTPARSE_SRC_UTIL_ENUM_NAME_H_

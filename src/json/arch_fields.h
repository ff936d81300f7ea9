// A package's arch field when the arch is one of the builder's common
// arches (report/common_arches.h): `,"arch":"amd64"` made at compile time
// and written as one fixed-size copy, its bytes not checked again.
#ifndef APTPARSE_SRC_JSON_ARCH_FIELDS_H_
#define APTPARSE_SRC_JSON_ARCH_FIELDS_H_

#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "report/common_arches.h"

namespace aptparse::detail {

// `,"arch":"NAME"`, padded for a fixed-size copy.
struct arch_field {
  char text[24];
  std::size_t size;
};

constexpr std::array<arch_field, kCommonArchCount> make_arch_fields() {
  std::array<arch_field, kCommonArchCount> out{};
  constexpr std::string_view key = ",\"arch\":\"";
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::size_t n = 0;
    for (char k : key) out[i].text[n++] = k;
    for (char a : common_arch(i)) out[i].text[n++] = a;
    out[i].text[n++] = '"';
    out[i].size = n;
  }
  return out;
}
inline constexpr auto kArchFields = make_arch_fields();

// Writes common_arch(i)'s field at `w` (24 bytes of room); returns its end.
inline char* put_common_arch_field(char* w, std::size_t i) {
  const arch_field& f = kArchFields[i];
  std::memcpy(w, f.text, sizeof f.text);
  return w + f.size;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_JSON_ARCH_FIELDS_H_

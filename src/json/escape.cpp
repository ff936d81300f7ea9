// JSON string literals: escaping, with invalid UTF-8 kept as \udcXX
// (surrogateescape). Strings are checked and copied 16 bytes at a time
// until a byte needs escaping: most of a log is plain ASCII.
#include "json/escape.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/text.h"

namespace aptparse::detail {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Returns the length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(const char* s, std::size_t i, std::size_t size) {
  const auto b = [&](std::size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  const unsigned char c = b(i);
  std::size_t n;
  std::uint32_t cp;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
    cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    cp = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > size) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  // Reject overlong forms, surrogates and code points past U+10FFFF.
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

char* put_u(char* w, unsigned code) {
  w[0] = '\\';
  w[1] = 'u';
  w[2] = kHex[(code >> 12) & 0xf];
  w[3] = kHex[(code >> 8) & 0xf];
  w[4] = kHex[(code >> 4) & 0xf];
  w[5] = kHex[code & 0xf];
  return w + 6;
}

#if defined(__SSE2__)
// True iff the 16 bytes at `p` need no escaping.
bool plain16(const char* p) {
  return !has_special(swar::load_raw(p), swar::load_raw(p + 8));
}
#endif

}  // namespace

char* put_string_any(char* w, std::string_view s) {
  *w++ = '"';
  const char* const base = s.data();
  const std::size_t size = s.size();
  std::size_t i = 0;
  while (i < size) {
#if defined(__SSE2__)
    // Signed compare: bytes below 0x20 and from 0x80 up are both "< 0x20".
    while (size - i >= 16) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + i));
      const __m128i special =
          _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
      if (mask == 0) {
        i += 16;
        w += 16;
        continue;
      }
      const unsigned k = static_cast<unsigned>(__builtin_ctz(mask));
      i += k;
      w += k;
      break;
    }
    if (i == size) break;
    // A plain tail of a string of 16 bytes or more: the last 16 bytes,
    // overlapping those already copied, in one check and one store.
    if (size - i < 16 && size >= 16 && plain16(base + size - 16)) {
      std::memcpy(w - (i - (size - 16)), base + size - 16, 16);
      w += size - i;
      break;
    }
#endif
    const auto c = static_cast<unsigned char>(base[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      *w++ = static_cast<char>(c);
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (std::size_t n = utf8_length(base, i, size); n != 0) {
        std::memcpy(w, base + i, n);
        w += n;
        i += n;
      } else {
        w = put_u(w, 0xdc00 + c);  // surrogateescape: lossless
        ++i;
      }
      continue;
    }
    *w++ = '\\';
    switch (c) {
      case '"':
        *w++ = '"';
        break;
      case '\\':
        *w++ = '\\';
        break;
      case '\n':
        *w++ = 'n';
        break;
      case '\t':
        *w++ = 't';
        break;
      case '\r':
        *w++ = 'r';
        break;
      default:
        w = put_u(w - 1, c);
        break;
    }
    ++i;
  }
  *w++ = '"';
  return w;
}

}  // namespace aptparse::detail

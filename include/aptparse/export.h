// APTPARSE_EXPORT marks the public API, the only symbols that a shared
// libaptparse exports: the library is compiled with hidden visibility
// (-fvisibility=hidden -fvisibility-inlines-hidden), so everything else
// stays internal and can change without breaking the ABI.
//
// APTPARSE_SHARED is defined when libaptparse is a shared library: while
// building it, and for its users by the CMake target aptparse::aptparse and
// by `pkg-config --cflags aptparse`. A static library needs no marks.
#ifndef APTPARSE_EXPORT_H_
#define APTPARSE_EXPORT_H_

#if defined(APTPARSE_SHARED) && (defined(__GNUC__) || defined(__clang__))
#define APTPARSE_EXPORT __attribute__((visibility("default")))
#else
#define APTPARSE_EXPORT
#endif

#endif  // APTPARSE_EXPORT_H_

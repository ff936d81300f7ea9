// apt's and dpkg's messages are printf formats ("%lu upgraded, ",
// "Unpacking %s (%s) over (%s) ...", "%2$sB / %1$sB"). This parses one into
// its literal text and its conversions, once, for every way the format table
// uses a format: dispatch on the literal prefix, the fast matcher, and RE2.
#ifndef APTPARSE_SRC_CLASSIFY_PRINTF_FORMAT_H_
#define APTPARSE_SRC_CLASSIFY_PRINTF_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

namespace aptparse::detail {

struct printf_format {
  struct conversion {
    int arg = 0;           // 0-based printf argument (positional "%2$s": 1)
    bool numeric = false;  // %d %i %u %lu ...; else text (%s)
  };
  // literals.size() == conversions.size() + 1: the text before, between and
  // after the conversions, with "%%" unescaped.
  std::vector<std::string> literals;
  std::vector<conversion> conversions;

  // Parses `format`. A '%' that starts no conversion stays literal text.
  static printf_format parse(std::string_view format);
  // The same into `out`, reusing its strings' storage (the table builder
  // parses ~12,000 formats at start).
  static void parse(std::string_view format, printf_format& out);

  // Appends `next`, as when two formats are printed one after the other.
  void append(const printf_format& next);

  // Returns the longest literal run (a line must contain it to match).
  const std::string& longest_literal() const;

  // Returns an RE2 pattern matching the format in full: literals quoted,
  // %s as (.*?), numbers as ([0-9]+).
  std::string regex() const;
};

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_CLASSIFY_PRINTF_FORMAT_H_

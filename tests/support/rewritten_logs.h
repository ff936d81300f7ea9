// Real logs rewritten as other tools present them (a CI system's prefix on
// each line, a document's indentation or quote), and the parts of a
// transaction that must not change when they are.
#ifndef APTPARSE_TESTS_SUPPORT_REWRITTEN_LOGS_H_
#define APTPARSE_TESTS_SUPPORT_REWRITTEN_LOGS_H_

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "aptparse/aptparse.h"

namespace aptparse::testing {

// Rewrites `log` with `prefix(i, line)` before its line i (line without its
// '\n').
template <class Prefix>
std::string with_prefix(std::string_view log, Prefix prefix) {
  std::string out;
  std::size_t i = 0, n = 0;
  while (i < log.size()) {
    const std::size_t nl = std::min(log.find('\n', i), log.size());
    out += prefix(n++, log.substr(i, nl - i));
    out.append(log.substr(i, nl + 1 - i));
    i = nl + 1;
  }
  return out;
}

// `log` with `prefix` before every line as the line splitter cuts them
// (after "\n", "\r\n" and a lone "\r": a document shows each of these as a
// line of its own). Blank lines get the prefix without its trailing blanks,
// as quoting tools write them (">" for "> ", "" for an indent).
inline std::string quoted(std::string_view log, std::string_view prefix) {
  std::string_view bare = prefix;
  while (!bare.empty() && (bare.back() == ' ' || bare.back() == '\t'))
    bare.remove_suffix(1);
  std::string out;
  std::size_t i = 0;
  while (i < log.size()) {
    std::size_t end = log.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = log.size();
    out += end == i ? bare : prefix;
    if (end < log.size()) end += log.compare(end, 2, "\r\n") == 0 ? 2 : 1;
    out.append(log.substr(i, end - i));
    i = end;
  }
  return out;
}

// The parts of a transaction that do not depend on line positions.
inline std::string content(const transaction& t) {
  std::string out;
  for (int s = 0; s < pkg_set_count; ++s) {
    out += fmt::format("{}:", set_name(static_cast<pkg_set>(s)));
    for (const package& p : t.set(static_cast<pkg_set>(s)))
      out += fmt::format(" {}/{}/{}/{}/{}", p.name, p.arch, p.old_version,
                         p.new_version, p.purge);
    out += '\n';
  }
  if (t.counts)
    out += fmt::format("counts {} {} {} {}\n", t.counts->upgraded,
                       t.counts->newly_installed, t.counts->to_remove,
                       t.counts->not_upgraded);
  for (const message& m : t.messages) out += m.text + "\n";
  out += fmt::format("complete {} unrecognized {}\n", t.span.complete,
                     t.unrecognized_count);
  return out;
}

}  // namespace aptparse::testing

#endif  // APTPARSE_TESTS_SUPPORT_REWRITTEN_LOGS_H_

// The tests' shared set-up: parse an input and expect what the test needs
// to go on (a line the parser accepts, a log of one transaction), so that a
// wrong parse fails with the input named instead of a crash or a cascade.
#ifndef APTPARSE_TESTS_SUPPORT_PARSE_EXPECT_H_
#define APTPARSE_TESTS_SUPPORT_PARSE_EXPECT_H_

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aptparse/report.h"

namespace aptparse::testing {

// set[i] of a transaction's set, throwing (gtest fails the test) where the
// set is too short: std::span has no at().
inline const package& at(std::span<const package> set, std::size_t i) {
  if (i >= set.size())
    throw std::out_of_range("package " + std::to_string(i) + " of a set of " +
                            std::to_string(set.size()));
  return set[i];
}

// The fields that `parse(input, fields)` fills in, expecting it to accept
// `input` (a line parser of classify/: bool parse(line, fields&)).
template <class Fields, class Parse>
Fields parsed_as(Parse&& parse, std::string_view input) {
  Fields fields{};
  EXPECT_TRUE(parse(input, fields)) << "not accepted: " << input;
  return fields;
}

// `found`, expecting a value (a lookup that returns std::optional).
template <class T>
std::optional<T> expect_found(std::optional<T> found, std::string_view input) {
  EXPECT_TRUE(found.has_value()) << "not found: " << input;
  return found;
}

// The one transaction of `r`; a report with none throws (gtest fails the
// test), one with more fails the expectation.
inline const transaction& only_transaction(const report& r) {
  EXPECT_EQ(r.transactions.size(), 1u);
  return r.transactions.at(0);
}

// The one package of set `s` in `t`; a set without one throws (gtest fails
// the test), one with more fails the expectation.
inline const package& only_package(const transaction& t, pkg_set s) {
  EXPECT_EQ(t.set(s).size(), 1u) << set_name(s);
  return at(t.set(s), 0);
}

// The names of `pkgs`, in order.
inline std::vector<std::string> names(std::span<const package> pkgs) {
  std::vector<std::string> out;
  for (const package& p : pkgs) out.emplace_back(p.name);
  return out;
}

// Whether `t` carries a diagnostic with `code`.
inline bool has_diagnostic(const transaction& t, errc code) {
  for (const diagnostic& d : t.diagnostics)
    if (d.code == code) return true;
  return false;
}

}  // namespace aptparse::testing

namespace aptparse {

// How gtest prints a package that an expectation compares: its fields, not
// the bytes of its string_views.
inline void PrintTo(const package& p, std::ostream* os) {
  *os << "{" << p.name << " arch=" << p.arch << " old=" << p.old_version
      << " new=" << p.new_version << " origins=" << p.origins
      << " suite=" << p.suite << " note=" << p.note << " security="
      << (p.security ? (*p.security ? "true" : "false") : "null")
      << " reason=" << static_cast<int>(p.reason)
      << " alternatives=" << p.alternatives.size();
  const std::pair<bool, const char*> flags[] = {
      {p.purge, "purge"},
      {p.automatic, "automatic"},
      {p.simulated, "simulated"},
      {p.upgradable, "upgradable"},
      {p.installed, "installed"},
      {p.local, "local"},
      {p.residual_config, "residual_config"},
      {p.auto_removable, "auto_removable"}};
  for (const auto& [set, name] : flags)
    if (set) *os << " " << name;
  *os << "}";
}

}  // namespace aptparse

#endif  // APTPARSE_TESTS_SUPPORT_PARSE_EXPECT_H_

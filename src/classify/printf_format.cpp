#include "classify/printf_format.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace aptparse::detail {

printf_format printf_format::parse(std::string_view f) {
  printf_format out;
  parse(f, out);
  return out;
}

void printf_format::parse(std::string_view f, printf_format& out) {
  // Literals [0, n) are this format's; those beyond, left from an earlier
  // one, are reused (cleared) before new ones are made.
  std::size_t n = 0;
  const auto next_literal = [&out, &n]() -> std::string& {
    if (n == out.literals.size()) {
      out.literals.emplace_back();
    } else {
      out.literals[n].clear();
    }
    return out.literals[n++];
  };
  out.conversions.clear();
  std::string* literal = &next_literal();
  int next_arg = 0;
  std::size_t i = 0;
  while (i < f.size()) {
    // Literal text up to the next '%', appended in one piece.
    const std::size_t pct = std::min(f.find('%', i), f.size());
    literal->append(f.data() + i, pct - i);
    i = pct;
    if (i == f.size()) break;
    if (i + 1 < f.size() && f[i + 1] == '%') {
      *literal += '%';
      i += 2;
      continue;
    }
    // %[N$][flags][width][.precision][length]conversion
    std::size_t j = i + 1;
    int position = -1;
    std::size_t k = j;
    while (k < f.size() && f[k] >= '0' && f[k] <= '9') ++k;
    if (k > j && k < f.size() && f[k] == '$') {
      position = std::atoi(std::string(f.substr(j, k - j)).c_str()) - 1;
      j = k + 1;
    }
    while (j < f.size() &&
           std::strchr("'-+ #0123456789.hlLqjzt", f[j]) != nullptr)
      ++j;
    if (j >= f.size()) {  // a lone '%' at the end stays literal
      *literal += f.substr(i);
      break;
    }
    conversion c;
    c.arg = position >= 0 ? position : next_arg;
    c.numeric = std::strchr("diuxX", f[j]) != nullptr;
    out.conversions.push_back(c);
    literal = &next_literal();
    ++next_arg;
    i = j + 1;
  }
  out.literals.resize(n);
}

void printf_format::append(const printf_format& next) {
  literals.back() += next.literals.front();
  literals.insert(literals.end(), next.literals.begin() + 1,
                  next.literals.end());
  conversions.insert(conversions.end(), next.conversions.begin(),
                     next.conversions.end());
}

const std::string& printf_format::longest_literal() const {
  const std::string* best = &literals[0];
  for (const std::string& l : literals)
    if (l.size() > best->size()) best = &l;
  return *best;
}

std::string printf_format::regex() const {
  std::string out = re2::RE2::QuoteMeta(literals[0]);
  for (std::size_t i = 0; i < conversions.size(); ++i) {
    out += conversions[i].numeric ? "([0-9]+)" : "(.*?)";
    out += re2::RE2::QuoteMeta(literals[i + 1]);
  }
  return out;
}

}  // namespace aptparse::detail

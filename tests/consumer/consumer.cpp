// Parses a fixed apt summary and checks the result: exit 0 iff it worked.
#include <aptparse/aptparse.h>

#include <cstdio>

int main() {
  aptparse::report r = aptparse::parse(
      "The following packages will be upgraded:\n  libc6\n"
      "1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
  if (r.transactions.size() != 1 || r.transactions[0].upgraded().size() != 1 ||
      r.transactions[0].consistency.verdict !=
          aptparse::consistency_verdict::consistent) {
    std::puts("unexpected result");
    return 1;
  }
  const std::string_view name = r.transactions[0].upgraded()[0].name;
  std::printf("aptparse %s: %.*s\n", aptparse::version(),
              static_cast<int>(name.size()), name.data());
  return 0;
}

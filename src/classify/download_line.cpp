#include "classify/download_line.h"

#include <array>

#include "classify/field_end.h"
#include "util/text.h"

namespace aptparse::detail {

bool parse_download(std::string_view description,
                    download_fields& out) noexcept {
  // URI, suite/component, index arch, name, arch, version.
  std::array<std::string_view, 6> field;
  std::string_view rest = trim(description);
  for (std::string_view& f : field) {
    const std::size_t end = field_end(rest);
    f = rest.substr(0, end);
    rest = trim_left(rest.substr(end));
    if (f.empty() || f.front() == '[') return false;  // "[151 kB]": an index
  }
  const std::size_t slash = field[1].find('/');
  if (slash == 0 || slash == std::string_view::npos) return false;
  out.suite = field[1].substr(0, slash);
  out.name = field[3];
  out.arch = field[4];
  out.version = field[5];
  return true;
}

}  // namespace aptparse::detail

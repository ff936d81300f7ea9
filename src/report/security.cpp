#include "report/security.h"

#include <unordered_map>

#include "classify/origin.h"

namespace aptparse::detail {

void apply_downloads(transaction& t, const std::vector<download>& downloads,
                     string_arena& arena) {
  if (downloads.empty()) return;
  std::unordered_multimap<std::string_view, const download*> by_name;
  for (const download& d : downloads) by_name.emplace(d.name, &d);
  for (int s = 0; s < pkg_set_count; ++s) {
    for (package& p : t.set(static_cast<pkg_set>(s))) {
      if (!p.suite.empty()) continue;
      auto [it, end] = by_name.equal_range(p.name);
      for (; it != end; ++it) {
        const download& d = *it->second;
        if (!p.arch.empty() && p.arch != d.arch) continue;
        p.suite = arena.save(d.suite);
        p.security = either(p.security, origins_security(d.suite));
        break;
      }
    }
  }
}

std::uint64_t count_security(const transaction& t) noexcept {
  std::uint64_t n = 0;
  for_each_update(t, [&n](pkg_set, std::size_t, const package& p) {
    n += p.security.value_or(false);
  });
  return n;
}

std::optional<bool> origin_security_cache::operator()(
    std::string_view origins) {
  if (origins.empty()) return std::nullopt;
  for (const known& k : known_)
    if (k.origins == origins) return k.security;
  known& k = known_[next_++ % known_.size()];
  k.origins.assign(origins);
  k.security = origins_security(origins);
  return k.security;
}

}  // namespace aptparse::detail

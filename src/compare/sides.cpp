#include "compare/sides.h"

#include <string>
#include <unordered_map>

namespace aptparse::detail {
namespace {

// The sets that are changes, and the action each one's packages take.
struct change_set {
  pkg_set set;
  change_action action;
};
constexpr change_set kChangeSets[] = {
    {pkg_set::newly_installed, change_action::install},
    {pkg_set::upgraded, change_action::upgrade},
    {pkg_set::downgraded, change_action::downgrade},
    {pkg_set::reinstalled, change_action::reinstall},
    {pkg_set::to_remove, change_action::remove},
};

change change_of(const package& p, change_action action) {
  if (action == change_action::remove && p.purge) action = change_action::purge;
  return {action, std::string(p.name), std::string(p.arch),
          std::string(p.old_version), std::string(p.new_version)};
}

class side_builder {
 public:
  // Returns the entry of `p`, new at the end when the package is new.
  side_entry& entry(const package& p) {
    key_.assign(p.name);
    key_ += ':';
    key_ += p.arch;
    auto [it, added] = index_.try_emplace(key_, entries_.size());
    if (added) entries_.emplace_back();
    return entries_[it->second];
  }
  std::vector<side_entry> take() { return std::move(entries_); }

 private:
  std::string key_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<side_entry> entries_;
};

}  // namespace

std::vector<side_entry> collect_side(std::span<const transaction> transactions,
                                     bool with_failed) {
  side_builder side;
  for (const transaction& t : transactions) {
    for (const change_set& s : kChangeSets) {
      for (const package& p : t.set(s.set)) {
        side_entry& e = side.entry(p);
        e.what = change_of(p, s.action);
        e.has_change = true;
        e.failed = false;  // until this transaction's failed set says so
      }
    }
    if (!with_failed) continue;
    for (const package& p : t.set(pkg_set::failed)) {
      side_entry& e = side.entry(p);
      if (!e.has_change) e.what = change_of(p, change_action::none);
      e.failed = true;
    }
  }
  return side.take();
}

}  // namespace aptparse::detail

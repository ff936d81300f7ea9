#include "naive_parser.h"

#include <array>

namespace aptbench {

naive_parser::naive_parser() {
  const std::pair<const char*, kind> table[] = {
      {R"(Reading package lists\.\.\.(?: Done)?)", kind::noise},
      {R"(Building dependency tree\.\.\.(?: Done)?)", kind::noise},
      {R"(Reading state information\.\.\.(?: Done)?)", kind::noise},
      {R"(The following (.+) will be (.+):)", kind::header},
      {R"(The following packages have been kept back:)", kind::header},
      {R"((Upgrading|Installing|Installing dependencies|REMOVING|Not upgrading|Suggested packages|Recommended packages|Summary):)",
       kind::header},
      {R"((\d+) upgraded, (\d+) newly installed, (\d+) to remove and (\d+) not upgraded\.)",
       kind::summary},
      {R"(  Upgrading: (\d+), Installing: (\d+), Removing: (\d+), Not Upgrading: (\d+))",
       kind::summary},
      {R"(Need to get (.+) of archives\.)", kind::size},
      {R"(After this operation, (.+) (?:of additional disk space will be used|disk space will be freed)\.)",
       kind::size},
      {R"(Inst (\S+) (?:\[(\S+)\] )?\((\S+) (.+)\)(?: \[.*\])?)", kind::sim_install},
      {R"((?:Remv|Purg) (\S+)(?: \[(\S+)\])?.*)", kind::sim_remove},
      {R"(Conf (\S+) .*)", kind::noise},
      {R"((E|W|N|Error|Warning|Notice): (.+))", kind::message},
      {R"(Start-Date: (.+))", kind::history_start},
      {R"((Install|Upgrade|Remove|Purge|Downgrade|Reinstall): (.+))", kind::history_list},
      {R"((?:Preparing to unpack|Unpacking|Setting up|Selecting previously unselected package|Processing triggers for|Removing) (.+))",
       kind::noise},
      {R"(Get:(\d+) (\S+) (.+))", kind::noise},
      {R"( +(\S.*))", kind::item},
  };
  for (const auto& [re, k] : table) {
    patterns_.push_back({std::make_unique<RE2>(re), k});
    if (!patterns_.back().re->ok()) std::abort();
  }
}

naive_result naive_parser::parse(std::string_view text) {
  naive_result r;
  in_list_ = false;
  names_.clear();
  carry_.clear();
  feed(text, r);
  finish(r);
  return r;
}

std::size_t naive_parser::complete_lines(std::string_view text,
                                         naive_result& r) {
  std::size_t at = 0;
  for (std::size_t nl; (nl = text.find('\n', at)) != std::string_view::npos;
       at = nl + 1)
    line(text.substr(at, nl - at), r);
  return at;
}

void naive_parser::feed(std::string_view chunk, naive_result& r) {
  if (!carry_.empty()) {
    const std::size_t nl = chunk.find('\n');
    if (nl == std::string_view::npos) {
      carry_.append(chunk);
      return;
    }
    carry_.append(chunk.substr(0, nl));
    line(carry_, r);
    carry_.clear();
    chunk.remove_prefix(nl + 1);
  }
  carry_.assign(chunk.substr(complete_lines(chunk, r)));
}

void naive_parser::finish(naive_result& r) {
  if (!carry_.empty()) line(carry_, r);
  carry_.clear();
  if (!names_.empty()) {  // e.g. -sqq output: no summary line
    ++r.transactions;
    r.packages += names_.size();
    names_.clear();
  }
}

void naive_parser::line(std::string_view l, naive_result& r) {
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  ++r.lines;
  std::array<re2::StringPiece, 4> caps;
  std::array<RE2::Arg, 4> args;
  std::array<const RE2::Arg*, 4> argp;
  for (std::size_t i = 0; i < 4; ++i) {
    args[i] = &caps[i];
    argp[i] = &args[i];
  }
  for (const pattern& p : patterns_) {
    const int n = std::min(p.re->NumberOfCapturingGroups(), 4);
    if (!RE2::FullMatchN(l, *p.re, argp.data(), n)) continue;
    ++r.matched;
    switch (p.k) {
      case kind::header:
        in_list_ = true;
        break;
      case kind::item:
        if (in_list_) {
          std::string_view items(caps[0].data(), caps[0].size());
          std::size_t i = 0;
          while (i < items.size()) {
            std::size_t sp = items.find(' ', i);
            if (sp == std::string_view::npos) sp = items.size();
            if (sp > i) names_.emplace_back(items.substr(i, sp - i));
            i = sp + 1;
          }
        }
        break;
      case kind::sim_install:
      case kind::sim_remove:
        names_.emplace_back(caps[0].data(), caps[0].size());
        break;
      case kind::summary:
      case kind::history_start:
        ++r.transactions;
        r.packages += names_.size();
        names_.clear();
        in_list_ = false;
        break;
      case kind::history_list: {
        std::string_view items(caps[1].data(), caps[1].size());
        std::size_t i = 0;
        while (i < items.size()) {
          std::size_t end = items.find("), ", i);
          if (end == std::string_view::npos) end = items.size();
          names_.emplace_back(items.substr(i, items.find(' ', i) - i));
          i = end + 3;
        }
        break;
      }
      case kind::message:
        ++r.messages;
        break;
      case kind::noise:
      case kind::size:
        in_list_ = false;
        break;
    }
    return;
  }
  in_list_ = false;
}

}  // namespace aptbench

#include "cli/text_report.h"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

namespace aptparse::cli {
namespace {

std::string describe(const package& p) {
  std::string s(p.name);
  if (!p.arch.empty()) s.append(":").append(p.arch);
  for (std::string_view alt : p.alternatives) s.append(" | ").append(alt);
  if (!p.old_version.empty() && !p.new_version.empty()) {
    s += fmt::format(" ({} -> {})", p.old_version, p.new_version);
  } else if (!p.old_version.empty() || !p.new_version.empty()) {
    s += fmt::format(" ({}{})", p.old_version, p.new_version);
  }
  if (p.purge) s += " [purge]";
  if (p.automatic) s += " [auto]";
  if (p.reason != hold_reason::none)
    s += fmt::format(" [{}]", reason_name(p.reason));
  if (!p.note.empty()) s += fmt::format(" ({})", p.note);
  return s;
}

}  // namespace

std::string human_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB"};
  int unit = 0;
  double v = std::fabs(bytes);
  while (v >= 1000 && unit < 5) {
    v /= 1000;
    ++unit;
  }
  return fmt::format("{}{:.{}f} {}", bytes < 0 ? "-" : "", v, unit == 0 ? 0 : 1,
                     kUnits[unit]);
}

void append_text(std::string& out, const transaction& t,
                 std::string_view source) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "{}:{}-{}: apt transaction{}\n",
                 source.empty() ? "-" : source, t.span.first.line,
                 t.span.last.line,
                 t.span.complete ? "" : " (incomplete: the log was cut off)");
  if (t.start || t.end)
    fmt::format_to(o, "  time: {} - {}\n", t.start.value_or("?"),
                   t.end.value_or("?"));
  if (t.command) fmt::format_to(o, "  command: {}\n", *t.command);
  if (t.requested_by_user)  // (the record's error is among the messages)
    fmt::format_to(o, "  requested by: {}{}\n", *t.requested_by_user,
                   t.requested_by_uid
                       ? fmt::format(" (uid {})", *t.requested_by_uid)
                       : "");
  for (int s = 0; s < pkg_set_count; ++s) {
    const auto set = static_cast<pkg_set>(s);
    const std::span<const package> pkgs = t.set(set);
    if (pkgs.empty()) continue;
    fmt::format_to(o, "  {} ({}):", set_name(set), pkgs.size());
    // Fill lines up to ~100 columns, as apt's own lists do.
    std::size_t column = 100;
    for (std::size_t i = 0; i < pkgs.size(); ++i) {
      std::string item = describe(pkgs[i]);
      if (i + 1 < pkgs.size()) item += ',';
      if (column + item.size() + 1 > 100) {
        out += "\n   ";
        column = 3;
      }
      out += ' ';
      out += item;
      column += item.size() + 1;
    }
    out += '\n';
  }
  if (t.counts) {
    const counts& c = *t.counts;
    fmt::format_to(o,
                   "  apt's counts: {} upgraded, {} newly installed, {} "
                   "reinstalled, {} downgraded, {} to remove, {} not upgraded",
                   c.upgraded, c.newly_installed, c.reinstalled, c.downgraded,
                   c.to_remove, c.not_upgraded);
    if (c.not_fully_installed)
      fmt::format_to(o, ", {} not fully installed", c.not_fully_installed);
    fmt::format_to(o, "\n  consistency: {}",
                   verdict_name(t.consistency.verdict));
    if (!t.consistency.mismatches.empty())
      fmt::format_to(o, " (differ: {})",
                     fmt::join(t.consistency.mismatches, ", "));
    if (!t.consistency.unverifiable.empty())
      fmt::format_to(o, " (not listed by apt: {})",
                     fmt::join(t.consistency.unverifiable, ", "));
    out += '\n';
  } else {
    out += "  apt's counts: not printed\n";
  }
  const sizes& z = t.sizes;
  if (z.download) {
    fmt::format_to(o, "  download: {}", human_bytes(double(*z.download)));
    if (z.download_total)
      fmt::format_to(o, " of {}", human_bytes(double(*z.download_total)));
    out += '\n';
  }
  if (z.disk_change)
    fmt::format_to(o, "  disk space: {}{}\n", *z.disk_change >= 0 ? "+" : "",
                   human_bytes(double(*z.disk_change)));
  for (const message& m : t.messages)
    fmt::format_to(o, "  {} (line {}): {}\n", level_name(m.level), m.where.line,
                   m.text);
  if (t.unrecognized_count)
    fmt::format_to(o, "  unrecognized lines: {}\n", t.unrecognized_count);
  for (const diagnostic& d : t.diagnostics)
    fmt::format_to(o, "  diagnostic (line {}): {}\n", d.where.line,
                   error_message(d.code));
}

}  // namespace aptparse::cli

// aptparse: turns what apt prints into data.
//
// OVERVIEW
//
// apt, apt-get and dpkg print what they will change as text meant for
// people. aptparse reads that text, in any apt version's layout, and reports
// the sets apt reports: upgraded, newly installed, to remove, not upgraded
// (kept back or deferred by phasing), downgraded, reinstalled, held packages
// changed, autoremovable, suggested and recommended, with versions and
// architectures wherever the text gives them, apt's own counts (checked
// against the sets), the sizes, and apt's errors and warnings.
//
// The data flows one way:
//   bytes -> lines -> classified lines -> events -> a sink
// and the headers are:
//   parser.h   the streaming parser: feed(bytes) ... finish()
//   events.h   the events and the event_sink interface
//   report.h   report_builder (a sink) and the one-shot parse()
//   json.h     JSON Lines output
//   compare.h  an apt run's plan against its outcome (what dpkg did)
//   options.h  limits and strictness
//   stats.h    the parser's counters
//   error.h    error codes, status and diagnostics
//   version.h  the library version and the JSON schema version
//   export.h   APTPARSE_EXPORT: what a shared library exports
//
// ONE-SHOT PARSING
//
//   #include <aptparse/aptparse.h>
//
//   aptparse::report r = aptparse::parse(text);
//   for (const auto& t : r.transactions) {
//     for (const auto& p : t.upgraded())  // fields are std::string_views
//       std::cout << p.name << ' ' << p.old_version << " -> "
//                 << p.new_version << '\n';
//     if (t.consistency.verdict == aptparse::consistency_verdict::inconsistent)
//       std::puts("apt's counts disagree with its lists");
//   }
//
// STREAMING
//
//   struct upgrades : aptparse::event_sink {
//     void on_package(const aptparse::package_ref& p,
//                     const aptparse::position&) override {
//       if (p.set == aptparse::pkg_set::upgraded) names.emplace_back(p.name);
//     }
//     std::vector<std::string> names;
//   } sink;
//   aptparse::parser p(sink);
//   while (size_t n = fread(buf, 1, sizeof buf, f)) p.feed({buf, n});
//   p.finish();
//
// Chunks may be cut anywhere; the events are the same as for the whole
// input. Memory stays bounded: the parser keeps only the unfinished line.
//
// ERRORS
//
// Nothing in the core throws. Input problems are diagnostics (error.h) and
// lines no table knows are reported through on_unrecognized, with their line
// number and byte offset.
#ifndef APTPARSE_APTPARSE_H_
#define APTPARSE_APTPARSE_H_

#include "aptparse/compare.h"
#include "aptparse/error.h"
#include "aptparse/events.h"
#include "aptparse/json.h"
#include "aptparse/options.h"
#include "aptparse/parser.h"
#include "aptparse/report.h"
#include "aptparse/stats.h"
#include "aptparse/version.h"

#endif  // APTPARSE_APTPARSE_H_

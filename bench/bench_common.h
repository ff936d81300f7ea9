// Shared by the benchmark programs: the real corpus, the benchmark inputs
// built from it (never committed), and the golden check.
//
// Inputs. Each family is a list of corpus logs (corpus/logs/*.log, chosen by
// their .meta.json). A family's *unit* is its logs concatenated (a '\n' is
// appended to a log that does not end with one); an input is the unit
// repeated `reps` times, so that every byte of it comes from a real log and
// its expected result is known exactly.
//
// The golden check. corpus/logs/<name>.expected.jsonl holds, per
// transaction, append_json(out, t, "<name>.log"). For a transaction parsed
// from a big input, golden_checker finds the log instance it must come from
// (inputs are a known sequence of logs), makes its positions relative to
// that log (line numbers and byte offsets minus the instance's start), and
// compares append_json(...) with the golden line byte for byte. So the
// check is exact: every set, package, version, count, size, message,
// unrecognised line, diagnostic and position -- with one exception that
// concatenation itself causes: a transaction's span end (last_line,
// end_offset) may reach over the *next* log's leading lines before its
// first "Reading package lists..." (apt's "WARNING: apt does not have a
// stable CLI interface" banner, blank lines), which the parser cannot tell
// from the end of the previous run. Only the last transaction of a log may
// extend, and the next log's first transaction must still start exactly
// where its golden says; golden_checker::extended() counts them.
//
// -sqq family: -sqq output has no run start line, so concatenated -sqq runs
// are told apart by the rule of events.h alone: a simulate line of a package
// (name and architecture) that the open run already handled begins the next
// run, wherever it falls in a log. The expected transactions follow that
// rule over the input's Inst/Remv/Purg lines: each holds the golden packages
// (each log parsed alone must equal its golden) of its lines, in order, and
// spans up to the line before the next run's first.
#ifndef APTPARSE_BENCH_BENCH_COMMON_H_
#define APTPARSE_BENCH_BENCH_COMMON_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "aptparse/aptparse.h"

#ifndef APTPARSE_CORPUS_DIR
#error "APTPARSE_CORPUS_DIR must name corpus/logs (set by bench/CMakeLists.txt)"
#endif

namespace aptbench {

struct log_file {
  std::string name;                 // without ".log"
  std::string text;                 // the log's bytes, '\n'-terminated
  std::string tool;                 // meta "tool"
  std::string layout;               // meta "layout"
  bool tty = false;                 // meta "tty"
  std::vector<std::string> golden;  // lines of <name>.expected.jsonl
  // Per golden transaction: its last_line and end_offset.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> golden_end;
  // The log parsed alone (aptparse::parse); golden_error is "" iff its
  // JSON equals the golden byte for byte.
  std::vector<aptparse::transaction> alone;
  std::string golden_error;
  std::uint64_t leading_outside = 0;  // see separable() in bench_common.cpp
  std::uint64_t lines = 0;            // lines as the parser counts them
};

// Loads every log that has a golden file, sorted by name. Exits on error.
const std::vector<log_file>& corpus();

struct family {
  std::string name;  // classic, sqq, apt3, history, mixed
  std::vector<const log_file*> files;
  // -sqq output has no line that starts an apt run, so concatenated runs
  // are split by the repeated-package rule (see the file comment).
  bool simulate_runs = false;
};

// The five families (see bench/README.md for how files are chosen).
const std::vector<family>& families();
const family& get_family(std::string_view name);

// A log instance inside a unit.
struct instance {
  std::uint64_t offset = 0;  // first byte in the unit
  std::uint64_t line = 0;    // lines before it in the unit
  const log_file* file = nullptr;
};

struct input {
  std::string name;
  std::string unit;
  std::vector<instance> instances;
  std::uint64_t unit_lines = 0;
  std::uint64_t unit_transactions = 0;  // golden transactions per unit
  std::uint64_t reps = 0;
  bool simulate_runs = false;  // as family::simulate_runs
  std::string buf;             // unit * reps (empty for on-disk inputs)
  std::uint64_t size() const { return unit.size() * reps; }
};

// Builds `fam`'s unit, repeated to about `target_bytes` (at least once).
// With `materialize` false, buf stays empty (the caller writes a file).
input make_input(const family& fam, std::uint64_t target_bytes,
                 bool materialize = true, std::size_t rotate = 0);

// Writes `in` (unit * reps) to `path` unless a file of that size exists.
// Returns false on an I/O error.
bool write_input_file(const input& in, const std::string& path);

// Feeds a source to `on_chunk`: an in-memory buffer (chunk == 0: whole) or
// a file read with read(2) in `chunk`-byte pieces.
void feed_memory(std::string_view buf, std::size_t chunk,
                 const std::function<void(std::string_view)>& on_chunk);
bool feed_file(const std::string& path, std::size_t chunk,
               const std::function<void(std::string_view)>& on_chunk);

// The transactions `in` must give: its logs' golden transactions, or for
// an input of -sqq logs the runs the repeated-package rule finds.
std::uint64_t expected_transactions(const input& in);

// Checks transactions, in order, against the goldens of `in`.
class golden_checker {
 public:
  explicit golden_checker(const input& in) : in_(in) {}
  // Checks one transaction (its positions are rewritten in place).
  // Returns false once a mismatch was found (error() says where).
  bool check(aptparse::transaction& t);
  // Call at the end: false if transactions are missing.
  bool finish();
  const std::string& error() const { return error_; }
  std::uint64_t checked() const { return checked_; }
  // Transactions whose span end reached into the next log's leading lines.
  std::uint64_t extended() const { return extended_; }

 private:
  void skip_exhausted();
  const input& in_;
  std::uint64_t rep_ = 0;
  std::size_t inst_ = 0;
  std::size_t tx_ = 0;
  std::uint64_t checked_ = 0;
  std::uint64_t extended_ = 0;
  std::string error_;
  std::string json_;
};

// VmHWM of this process in KiB (peak resident set), or 0.
std::uint64_t peak_rss_kib();

}  // namespace aptbench

#endif  // APTPARSE_BENCH_BENCH_COMMON_H_

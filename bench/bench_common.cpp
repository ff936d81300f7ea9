#include "bench_common.h"

#include <fcntl.h>
#include <re2/re2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace aptbench {
namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "bench: cannot read %s\n", p.c_str());
    std::exit(2);
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string meta_string(const std::string& meta, const char* key) {
  std::string v;
  RE2::PartialMatch(meta, std::string("\"") + key + "\"\\s*:\\s*\"([^\"]*)\"",
                    &v);
  return v;
}

struct null_sink : aptparse::event_sink {};

std::vector<log_file> load() {
  namespace fs = std::filesystem;
  // APTPARSE_CORPUS_DIR in the environment overrides the compiled-in path.
  const char* env = std::getenv("APTPARSE_CORPUS_DIR");
  const fs::path dir = env && *env ? env : APTPARSE_CORPUS_DIR;
  std::vector<log_file> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const fs::path p = e.path();
    if (p.extension() != ".log") continue;
    log_file f;
    f.name = p.stem().string();
    const fs::path golden = dir / (f.name + ".expected.jsonl");
    if (!fs::exists(golden)) {  // no golden: cannot be checked
      std::fprintf(stderr, "bench: %s has no .expected.jsonl; not used\n",
                   p.filename().c_str());
      continue;
    }
    f.text = read_all(p);
    if (f.text.empty() || f.text.back() != '\n') f.text += '\n';
    const std::string meta = read_all(dir / (f.name + ".meta.json"));
    f.tool = meta_string(meta, "tool");
    f.layout = meta_string(meta, "layout");
    f.tty = RE2::PartialMatch(meta, "\"tty\"\\s*:\\s*true");
    std::istringstream g(read_all(golden));
    for (std::string line; std::getline(g, line);) {
      if (line.empty()) continue;
      f.golden.push_back(line);
      std::uint64_t last = 0, end = 0;
      RE2::PartialMatch(line, "\"last_line\":(\\d+)", &last);
      RE2::PartialMatch(line, "\"end_offset\":(\\d+)", &end);
      f.golden_end.emplace_back(last, end);
    }
    // The log alone must give its golden exactly.
    aptparse::report r = aptparse::parse(f.text);
    f.lines = r.stats.lines;
    // Lines outside any transaction before the first one: in a
    // concatenation they join the previous log's open transaction.
    const std::uint64_t first = r.transactions.empty()
                                    ? UINT64_MAX
                                    : r.transactions[0].span.first.offset;
    for (const auto& u : r.unrecognized)
      f.leading_outside += u.where.offset < first;
    for (const auto& d : r.diagnostics)
      f.leading_outside += d.where.offset < first;
    if (r.unrecognized_count != r.unrecognized.size()) ++f.leading_outside;
    f.alone = std::move(r.transactions);
    if (f.alone.size() != f.golden.size())
      f.golden_error =
          f.name + ".log alone: " + std::to_string(f.alone.size()) +
          " transactions, golden " + std::to_string(f.golden.size());
    for (std::size_t i = 0; i < f.alone.size() && f.golden_error.empty(); ++i) {
      std::string json;
      aptparse::append_json(json, f.alone[i], f.name + ".log");
      if (json != f.golden[i]) {
        std::size_t at = 0;
        while (at < json.size() && json[at] == f.golden[i][at]) ++at;
        f.golden_error =
            f.name + ".log alone: transaction #" + std::to_string(i + 1) +
            " differs from the golden at byte " + std::to_string(at) +
            ": got ..." + json.substr(at > 60 ? at - 60 : 0, 160) +
            "\n  golden ..." + f.golden[i].substr(at > 60 ? at - 60 : 0, 160);
      }
    }
    if (!f.golden_error.empty())
      std::fprintf(stderr, "GOLDEN MISMATCH %s\n", f.golden_error.c_str());
    out.push_back(std::move(f));
  }
  if (out.empty()) {
    std::fprintf(stderr, "bench: no logs with goldens in %s\n", dir.c_str());
    std::exit(2);
  }
  std::sort(out.begin(), out.end(), [](const log_file& a, const log_file& b) {
    return a.name < b.name;
  });
  return out;
}

// A log is *separable* if it has transactions, nothing outside them before
// the first one (unrecognised lines, diagnostics), and, repeated twice, it
// parses to its goldens twice (up to the span-end extension golden_checker
// allows). A log whose leading lines (before its first "Reading package
// lists...") hold unrecognised lines, messages or packages, or that has no
// run start line at all (apt list, -sqq), is not: those lines join the
// previous log's still open transaction. Such logs are left out of the
// concatenated inputs (and named on stderr).
bool separable(const log_file& f) {
  if (!f.golden_error.empty() || f.golden.empty() || f.leading_outside != 0)
    return false;
  family fam{f.name, {&f}, false};
  input in = make_input(fam, 2 * f.text.size());
  golden_checker checker(in);
  aptparse::report_builder b(
      {}, [&](aptparse::transaction&& t) { checker.check(t); });
  aptparse::parser p(b);
  (void)p.feed(in.buf);
  (void)p.finish();
  return checker.finish();
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

std::vector<family> make_families() {
  const auto& all = corpus();
  family classic{"classic", {}}, sqq{"sqq", {}}, apt3{"apt3", {}},
      history{"history", {}}, other{"other", {}}, dense{"dense", {}};
  for (const log_file& f : all) {
    const bool apt = f.tool == "apt" || f.tool == "apt-get";
    if (contains(f.name, "-sqq")) {
      sqq.files.push_back(&f);
      continue;
    }
    if (!separable(f)) {
      std::fprintf(stderr,
                   "bench: %s.log left out of the concatenated inputs: "
                   "repeated, it does not parse to its goldens\n",
                   f.name.c_str());
      continue;
    }
    // Large -V plans (corpus/capture/dense.sh) are their own family, so
    // that classic and mixed stay comparable with earlier rounds.
    if (contains(f.name, "-dense-"))
      dense.files.push_back(&f);
    else if (apt && !f.tty && f.layout == "classic")
      classic.files.push_back(&f);
    else if (apt && !f.tty && f.layout == "apt3")
      apt3.files.push_back(&f);
    else if (f.tool == "history.log")
      history.files.push_back(&f);
    else
      other.files.push_back(&f);  // term.log, dpkg.log, pty captures
  }
  // mixed: every separable log once, the kinds interleaved round-robin, as in a
  // CI log of many jobs.
  family mixed{"mixed", {}};
  // -sqq logs are left out: they would join the previous log's transaction.
  const family* groups[] = {&classic, &apt3, &history, &other};
  std::size_t longest = 0;
  for (const family* g : groups) longest = std::max(longest, g->files.size());
  for (std::size_t i = 0; i < longest; ++i)
    for (const family* g : groups)
      if (i < g->files.size()) mixed.files.push_back(g->files[i]);
  sqq.simulate_runs = true;
  return {classic, sqq, apt3, history, mixed, dense};
}

}  // namespace

const std::vector<log_file>& corpus() {
  static const std::vector<log_file> c = load();
  return c;
}

const std::vector<family>& families() {
  static const std::vector<family> f = make_families();
  return f;
}

const family& get_family(std::string_view name) {
  for (const family& f : families())
    if (f.name == name) return f;
  std::fprintf(stderr, "bench: no family %.*s\n", static_cast<int>(name.size()),
               name.data());
  std::exit(2);
}

input make_input(const family& fam, std::uint64_t target_bytes,
                 bool materialize, std::size_t rotate) {
  input in;
  in.name = fam.name;
  in.simulate_runs = fam.simulate_runs;
  const std::size_t n = fam.files.size();
  for (std::size_t k = 0; k < n; ++k) {
    const log_file* f = fam.files[(k + rotate) % n];
    in.instances.push_back({in.unit.size(), in.unit_lines, f});
    in.unit += f->text;
    in.unit_lines += f->lines;
    in.unit_transactions += f->golden.size();
  }
  if (in.unit.empty()) return in;  // no usable logs: reps == 0
  in.reps = std::max<std::uint64_t>(
      1, (target_bytes + in.unit.size() / 2) / in.unit.size());
  if (materialize) {
    in.buf.reserve(in.size());
    for (std::uint64_t r = 0; r < in.reps; ++r) in.buf += in.unit;
  }
  return in;
}

bool write_input_file(const input& in, const std::string& path) {
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == in.size() && !ec) return true;
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return false;
  bool ok = true;
  for (std::uint64_t r = 0; r < in.reps && ok; ++r)
    ok = std::fwrite(in.unit.data(), 1, in.unit.size(), f) == in.unit.size();
  ok = (std::fclose(f) == 0) && ok;
  if (ok) std::filesystem::rename(tmp, path, ec);
  return ok && !ec;
}

void feed_memory(std::string_view buf, std::size_t chunk,
                 const std::function<void(std::string_view)>& on_chunk) {
  if (chunk == 0) {
    on_chunk(buf);
    return;
  }
  for (std::size_t at = 0; at < buf.size(); at += chunk)
    on_chunk(buf.substr(at, chunk));
}

bool feed_file(const std::string& path, std::size_t chunk,
               const std::function<void(std::string_view)>& on_chunk) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  std::vector<char> buf(chunk);
  bool ok = true;
  while (true) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    on_chunk(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
  ::close(fd);
  return ok;
}

void golden_checker::skip_exhausted() {
  while (rep_ < in_.reps && tx_ >= in_.instances[inst_].file->golden.size()) {
    tx_ = 0;
    if (++inst_ == in_.instances.size()) {
      inst_ = 0;
      ++rep_;
    }
  }
}

namespace {

void rebase(aptparse::position& p, std::uint64_t line, std::uint64_t offset) {
  if (p.line == 0 && p.offset == 0) return;  // not set
  p.line -= line;
  p.offset -= offset;
}

std::string excerpt(const std::string& s, std::size_t at) {
  const std::size_t from = at > 60 ? at - 60 : 0;
  return s.substr(from, 160);
}

}  // namespace

namespace {

// One simulate line (Inst, Remv, Purg) of a log, with the package that the
// log's golden transaction holds for it.
struct sim_mention {
  std::uint64_t line = 0;    // 1-based, in the log
  std::uint64_t offset = 0;  // of its first byte, in the log
  std::string key;           // name and architecture: what makes a run
  aptparse::pkg_set set{};
  const aptparse::package* pkg = nullptr;
};

// The name and architecture that apt handles once per run: the name's
// ":arch", or the "[arch]" that closes the candidate's group "(... [arch])".
std::string sim_key(std::string_view rest) {
  std::string_view name = rest.substr(0, rest.find(' '));
  std::string_view arch;
  if (const std::size_t colon = name.find(':');
      colon != std::string_view::npos) {
    arch = name.substr(colon + 1);
    name = name.substr(0, colon);
  }
  const std::size_t open = rest.find(" (");
  const std::size_t close = rest.find("])");
  if (open != std::string_view::npos && close != std::string_view::npos &&
      close > open) {
    const std::size_t bracket = rest.rfind('[', close);
    if (bracket != std::string_view::npos && bracket > open)
      arch = rest.substr(bracket + 1, close - bracket - 1);
  }
  return std::string(name) + '\0' + std::string(arch);
}

// The simulate lines of an -sqq log, in order, each with its golden
// package (the log alone is one run: every key once).
const std::vector<sim_mention>& mentions_of(const log_file& f) {
  static std::map<const log_file*, std::vector<sim_mention>> cache;
  auto [it, fresh] = cache.try_emplace(&f);
  if (!fresh) return it->second;
  std::map<std::string, std::pair<aptparse::pkg_set, const aptparse::package*>>
      golden;
  for (const aptparse::transaction& t : f.alone)
    for (int s = 0; s < aptparse::pkg_set_count; ++s) {
      const auto set = static_cast<aptparse::pkg_set>(s);
      for (const aptparse::package& p : t.set(set)) {
        golden[std::string(p.name) + '\0' + std::string(p.arch)] = {set, &p};
        golden.try_emplace(std::string(p.name), set, &p);
      }
    }
  std::uint64_t line = 0, offset = 0;
  std::string_view text = f.text;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view l = text.substr(0, nl);
    ++line;
    if (l.starts_with("Inst ") || l.starts_with("Remv ") ||
        l.starts_with("Purg ")) {
      sim_mention m{line, offset, sim_key(l.substr(5)), {}, nullptr};
      // A removal line names no architecture; its package may have one.
      auto g = golden.find(m.key);
      if (g == golden.end()) g = golden.find(m.key.substr(0, m.key.find('\0')));
      if (g != golden.end()) {
        m.set = g->second.first;
        m.pkg = g->second.second;
      } else {
        std::fprintf(stderr, "bench: %s.log line %llu: no golden package\n",
                     f.name.c_str(), static_cast<unsigned long long>(line));
      }
      it->second.push_back(std::move(m));
    }
    offset += l.size() + 1;
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return it->second;
}

// A simulate line of `in`: the mention and where it is in the input.
struct placed_mention {
  const sim_mention* m = nullptr;
  std::uint64_t line = 0, offset = 0;
};

// The simulate lines of `in` and its runs, by the rule of events.h: a
// simulate line of a package (name and architecture) that the open run's
// simulate lines already handled begins the next run.
struct sim_plan {
  std::vector<placed_mention> mentions;  // every simulate line, in order
  std::vector<std::size_t> run_starts;   // indexes into mentions
};

const sim_plan& plan_of(const input& in) {
  static std::map<std::string, sim_plan> cache;
  auto [it, fresh] = cache.try_emplace(in.name + '/' + std::to_string(in.reps));
  sim_plan& plan = it->second;
  if (!fresh) return plan;
  std::set<std::string_view> handled;
  for (std::uint64_t rep = 0; rep < in.reps; ++rep)
    for (const instance& inst : in.instances)
      for (const sim_mention& m : mentions_of(*inst.file)) {
        if (plan.mentions.empty() || !handled.insert(m.key).second) {
          handled = {m.key};
          plan.run_starts.push_back(plan.mentions.size());
        }
        plan.mentions.push_back(
            {&m, rep * in.unit_lines + inst.line + m.line,
             rep * in.unit.size() + inst.offset + m.offset});
      }
  return plan;
}

// The transaction that run `k` of `in` must give: the golden packages of
// its simulate lines, in their order, and its span up to the next run.
std::string expected_run(const input& in, std::size_t k) {
  const sim_plan& plan = plan_of(in);
  const std::size_t from = plan.run_starts[k];
  const bool last = k + 1 == plan.run_starts.size();
  const std::size_t to = last ? plan.mentions.size() : plan.run_starts[k + 1];
  aptparse::transaction t;
  for (std::size_t i = from; i < to; ++i) {
    const sim_mention& m = *plan.mentions[i].m;
    if (m.pkg == nullptr) continue;
    t.add(m.set, *m.pkg);
    const bool counted = m.set == aptparse::pkg_set::upgraded ||
                         m.set == aptparse::pkg_set::newly_installed;
    t.security_count += counted && m.pkg->security.value_or(false);
  }
  t.span.first = {plan.mentions[from].line, plan.mentions[from].offset};
  if (!last) {  // up to the line before the next run's first
    t.span.last.line = plan.mentions[to].line - 1;
    t.span.end_offset = plan.mentions[to].offset - 1;  // that line's '\n'
  } else {
    t.span.last.line = in.unit_lines * in.reps;
    t.span.end_offset = in.size() - 1;
  }
  aptparse::check_consistency(t);
  std::string json;
  aptparse::append_json(json, t, in.name + ".log");
  return json;
}

}  // namespace

std::uint64_t expected_transactions(const input& in) {
  return in.simulate_runs ? plan_of(in).run_starts.size()
                          : in.unit_transactions * in.reps;
}

bool golden_checker::check(aptparse::transaction& t) {
  if (!error_.empty()) return false;
  if (in_.simulate_runs) {
    const std::size_t k = checked_;
    if (k >= plan_of(in_).run_starts.size()) {
      error_ = in_.name + ": a transaction at line " +
               std::to_string(t.span.first.line) + " after the last run";
      return false;
    }
    json_.clear();
    aptparse::append_json(json_, t, in_.name + ".log");
    const std::string want = expected_run(in_, k);
    if (json_ != want) {
      std::size_t at = 0;
      while (at < json_.size() && at < want.size() && json_[at] == want[at])
        ++at;
      error_ = in_.name + ": run #" + std::to_string(k + 1) +
               " differs at byte " + std::to_string(at) + ":\n  got:    ..." +
               excerpt(json_, at) + "\n  expect: ..." + excerpt(want, at);
      return false;
    }
    ++checked_;
    return true;
  }
  skip_exhausted();
  if (rep_ >= in_.reps) {
    error_ = in_.name + ": more transactions than the goldens (" +
             std::to_string(checked_) + " expected), extra one at offset " +
             std::to_string(t.span.first.offset);
    return false;
  }
  const instance& inst = in_.instances[inst_];
  const std::uint64_t base_off = rep_ * in_.unit.size() + inst.offset;
  const std::uint64_t base_line = rep_ * in_.unit_lines + inst.line;
  const std::uint64_t end_off = base_off + inst.file->text.size();
  if (t.span.first.offset < base_off || t.span.first.offset >= end_off) {
    error_ = in_.name + ": transaction at offset " +
             std::to_string(t.span.first.offset) + " (line " +
             std::to_string(t.span.first.line) + ") was expected inside " +
             inst.file->name + ".log (golden #" + std::to_string(tx_ + 1) +
             ") at [" + std::to_string(base_off) + ", " +
             std::to_string(end_off) + ")";
    return false;
  }
  rebase(t.span.first, base_line, base_off);
  rebase(t.span.last, base_line, base_off);
  t.span.end_offset -= base_off;
  for (auto& m : t.messages) rebase(m.where, base_line, base_off);
  for (auto& u : t.unrecognized) rebase(u.where, base_line, base_off);
  for (auto& d : t.diagnostics) rebase(d.where, base_line, base_off);
  const auto [gold_last, gold_end] = inst.file->golden_end[tx_];
  if (t.span.last.line != gold_last || t.span.end_offset != gold_end) {
    // Allowed only for a log's last transaction, and only forwards.
    if (tx_ + 1 == inst.file->golden.size() && t.span.last.line > gold_last &&
        t.span.end_offset > gold_end) {
      ++extended_;
      t.span.last.line = gold_last;
      t.span.end_offset = gold_end;
    }
  }
  json_.clear();
  aptparse::append_json(json_, t, inst.file->name + ".log");
  const std::string& want = inst.file->golden[tx_];
  if (json_ != want) {
    std::size_t at = 0;
    while (at < json_.size() && at < want.size() && json_[at] == want[at]) ++at;
    error_ = in_.name + ": " + inst.file->name + ".log transaction #" +
             std::to_string(tx_ + 1) + " (repetition " + std::to_string(rep_) +
             ") differs from the golden at byte " + std::to_string(at) +
             ":\n  got:    ..." + excerpt(json_, at) + "\n  golden: ..." +
             excerpt(want, at);
    return false;
  }
  ++tx_;
  ++checked_;
  return true;
}

bool golden_checker::finish() {
  if (!error_.empty()) return false;
  if (in_.simulate_runs) {
    const std::size_t runs = plan_of(in_).run_starts.size();
    if (checked_ != runs)
      error_ = in_.name + ": " + std::to_string(checked_) +
               " transactions, expected " + std::to_string(runs) + " runs";
    return checked_ == runs;
  }
  skip_exhausted();
  if (rep_ < in_.reps) {
    error_ = in_.name + ": only " + std::to_string(checked_) +
             " transactions; missing " + in_.instances[inst_].file->name +
             ".log golden #" + std::to_string(tx_ + 1);
    return false;
  }
  return true;
}

std::uint64_t peak_rss_kib() {
  std::ifstream f("/proc/self/status");
  for (std::string line; std::getline(f, line);)
    if (line.rfind("VmHWM:", 0) == 0)
      return std::strtoull(line.c_str() + 6, nullptr, 10);
  return 0;
}

}  // namespace aptbench

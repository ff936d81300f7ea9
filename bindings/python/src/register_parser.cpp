// class Parser: the streaming parser, safe to share between threads.
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "convert.h"
#include "io/log_reader.h"
#include "register.h"

namespace aptparse_py {
namespace {

// A C++ parser feeding a report_builder whose callback collects the
// transactions that end; feed() and finish() return them. With
// `keep_transactions` (parse_file), the builder keeps them instead, feed()
// and finish() return none, and report() has them all, converted lazily.
// A mutex guards all state, and the GIL is released while C++ parses, so
// other Python threads run meanwhile (the GIL is always released before
// the mutex is taken, never the other way, so they cannot deadlock).
class py_parser {
 public:
  py_parser(const aptparse::options& o, bool keep_transactions)
      : opts_(o),
        builder_(
            opts_, keep_transactions
                       ? aptparse::report_builder::callback{}
                       : [this](aptparse::transaction&&
                                    t) { pending_.push_back(std::move(t)); }),
        parser_(builder_, opts_) {}

  py::list feed(py::handle data) {
    input_bytes in(data, "feed");
    return step([&] { status_ = parser_.feed(in.view()); }, kFedAfter);
  }

  py::list finish() {
    return step([&] { finish_work(); }, kFinishedTwice);
  }

  // feed() and finish() returning the completed transactions as JSON Lines
  // written by the C++ writer (the CLI's --json), with no Python objects.
  py::bytes feed_json(py::handle data, py::handle source) {
    input_bytes in(data, "feed_json");
    const std::string src = bytes_from_py(source, "source");
    return step_json([&] { status_ = parser_.feed(in.view()); }, kFedAfter,
                     src);
  }

  py::bytes finish_json(py::handle source) {
    const std::string src = bytes_from_py(source, "source");
    return step_json([&] { finish_work(); }, kFinishedTwice, src);
  }

  void reset() {
    py::gil_scoped_release nogil;
    std::lock_guard lock(mu_);
    parser_.reset();
    (void)builder_.take_report();
    pending_.clear();
    finished_ = false;
    status_ = {};
    rest_.reset();
  }

  py::object stats() {
    aptparse::parse_stats s;
    {
      py::gil_scoped_release nogil;
      std::lock_guard lock(mu_);
      s = parser_.stats();
    }
    return to_py(s);
  }

  py::object status() {
    aptparse::status s;
    {
      py::gil_scoped_release nogil;
      std::lock_guard lock(mu_);
      s = status_;
    }
    return status_to_py(s);
  }

  bool finished() {
    py::gil_scoped_release nogil;
    std::lock_guard lock(mu_);
    return finished_;
  }

  py::object report() {
    std::shared_ptr<const aptparse::report> r;
    bool done = false;
    {
      py::gil_scoped_release nogil;
      std::lock_guard lock(mu_);
      done = finished_;
      if (done) r = rest_;
    }
    if (!done)
      throw py::value_error("Parser.report() is available after finish()");
    return report_to_py(std::move(r));
  }

  const aptparse::options& opts() const { return opts_; }

  static constexpr const char* kFedAfter =
      "Parser.feed() called after finish(); call reset() to parse another "
      "input";
  static constexpr const char* kFinishedTwice =
      "Parser.finish() called twice; call reset() to parse another input";

  // Ends the input (under the lock).
  void finish_work() {
    aptparse::status st = parser_.finish();
    if (status_.ok()) status_ = st;
    finished_ = true;
    auto rest = std::make_shared<aptparse::report>(builder_.take_report());
    rest->stats = parser_.stats();
    rest->error = status_;
    rest_ = std::move(rest);
  }

  // Runs `work` and then `take(pending_)` under the lock with the GIL
  // released, unless the input was finished (then raises ValueError with
  // `misuse`); returns what `take` made of the completed transactions.
  template <class Work, class Take>
  auto locked(Work&& work, const char* misuse, Take&& take) {
    decltype(take(pending_)) out{};
    bool after_finish = false;
    {
      py::gil_scoped_release nogil;
      std::lock_guard lock(mu_);
      if (finished_) {
        after_finish = true;
      } else {
        work();
        out = take(pending_);
      }
    }
    if (after_finish) throw py::value_error(misuse);
    return out;
  }

  // The completed transactions as Python objects.
  template <class Work>
  py::list step(Work&& work, const char* misuse) {
    return transactions_to_py(locked(work, misuse, [](auto& pending) {
      std::vector<aptparse::transaction> done;
      done.swap(pending);
      return done;
    }));
  }

  // The completed transactions as JSON Lines, written with the GIL
  // released too.
  template <class Work>
  py::bytes step_json(Work&& work, const char* misuse,
                      const std::string& source) {
    return py::bytes(locked(work, misuse, [&](auto& pending) {
      std::string out;
      for (const aptparse::transaction& t : pending) {
        aptparse::append_json(out, t, source);
        out += '\n';
      }
      pending.clear();
      return out;
    }));
  }

  // Feeds the plain bytes of the file at `path` (gzip inflated) through the
  // CLI's reader (io/log_reader.h), with the GIL released; stops at a
  // strict-mode failure. Returns (kind, errno, message) of the read: kind
  // "ok", "os_error", "truncated" or "corrupt".
  py::tuple feed_file(const std::string& path, std::size_t chunk_size) {
    aptparse::io::read_result r;
    locked(
        [&] {
          r = aptparse::io::read_log(path,
                                     [&](std::string_view chunk) {
                                       status_ = parser_.feed(chunk);
                                       return status_.ok();
                                     },
                                     {.chunk_bytes = chunk_size});
        },
        kFedAfter, [](auto&) { return 0; });
    static constexpr const char* kKinds[] = {"ok", "os_error", "truncated",
                                             "corrupt"};
    return py::make_tuple(kKinds[static_cast<int>(r.what)], r.os_errno,
                          r.message);
  }

 private:
  std::mutex mu_;
  aptparse::options opts_;
  std::vector<aptparse::transaction> pending_;
  aptparse::report_builder builder_;  // before parser_: it holds a reference
  aptparse::parser parser_;
  bool finished_ = false;
  aptparse::status status_;
  // What finish() left (outside transactions, or all of them when kept);
  // shared with the Reports that report() made.
  std::shared_ptr<const aptparse::report> rest_;
};

}  // namespace

void register_parser(py::module_& m) {
  py::class_<py_parser> cls(m, "Parser",
                            "The streaming parser (use aptparse.Parser).");
  cls.def(py::init([](const py::kwargs& kwargs) {
            bool keep = false;
            if (kwargs.contains("keep_transactions")) {
              py::handle v = kwargs["keep_transactions"];
              if (!PyBool_Check(v.ptr()))
                throw py::type_error("keep_transactions must be a bool");
              keep = v.cast<bool>();
              PyDict_DelItemString(kwargs.ptr(), "keep_transactions");
            }
            return new py_parser(options_from_py(kwargs, "Parser"), keep);
          }),
          "Parser(*, keep_transactions=False, **options): the options of "
          "OPTION_DEFAULTS.")
      .def("feed", &py_parser::feed, py::arg("data"),
           "Parses a chunk; returns the transactions it completed.")
      .def("finish", &py_parser::finish,
           "Ends the input; returns the transactions still open.")
      .def("feed_json", &py_parser::feed_json, py::arg("data"),
           py::arg("source") = "",
           "feed(), returning the completed transactions as JSON Lines.")
      .def("finish_json", &py_parser::finish_json, py::arg("source") = "",
           "finish(), returning the open transactions as JSON Lines.")
      .def("feed_file", &py_parser::feed_file, py::arg("path"),
           py::arg("chunk_size"),
           "Feeds a file's plain bytes (gzip inflated) in chunk_size chunks; "
           "returns (kind, errno, message) of the read.")
      .def("reset", &py_parser::reset, "Forgets all input and state.")
      .def("report", &py_parser::report,
           "After finish(): a Report of what was outside transactions, the "
           "stats and the status. Its transactions are empty, unless "
           "keep_transactions: then they are all of them, converted on "
           "first access (feed() and finish() returned none).")
      .def_property_readonly("stats", &py_parser::stats)
      .def_property_readonly("status", &py_parser::status)
      .def_property_readonly("finished", &py_parser::finished)
      .def_property_readonly(
          "options", [](const py_parser& p) { return options_to_py(p.opts()); },
          "Every option by name, as the parser was made.");
}

}  // namespace aptparse_py

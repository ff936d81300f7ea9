// The inputs of the record tables (records.h): each part is a parsed log's
// transactions, or a file to read and parse, with the source and host
// names its rows carry. Every function needs the GIL except read_part.
#ifndef APTPARSE_PY_RECORD_PARTS_H_
#define APTPARSE_PY_RECORD_PARTS_H_

#include <pybind11/pybind11.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "aptparse/aptparse.h"

namespace aptparse_py {

namespace py = pybind11;

// One input: a parsed log's transactions, and the names given to its rows.
// A part of _read_records() may name a file instead (`path`): its
// transactions are those of the file, read by read_part (ts null until
// then).
struct part {
  const std::vector<aptparse::transaction>* ts = nullptr;
  std::optional<std::string> source, host;
  std::optional<std::string> path;
};

// The parts of `parts`, a sequence of (transactions, source, host): the
// C++ transactions of a _LazyTransactions while it still has them, else
// converted back from the Python Transactions into `keep` (which must not
// reallocate while the parts live); a file's path (bytes) where `paths`
// allows it, read later.
std::vector<part> parts_of(
    py::handle parts, std::vector<std::vector<aptparse::transaction>>& keep,
    bool paths = false);

// How the parts that name a file are read: as parse_file() does (the CLI's
// reader, io/log_reader.h, gzip by its magic bytes; a parser whose builder
// keeps every transaction), without the GIL. The reports live here until
// the rows are built, and are freed without the GIL too.
struct file_reads {
  aptparse::options opts;
  std::size_t chunk_bytes = 1 << 20;
  std::vector<aptparse::report> reports;
  std::optional<std::size_t> failed;  // the part whose file was not read
};

// Reads and parses the file of `p` into a new report of `rd`; false when
// the file could not be read whole (parse_file() raises then). Needs no
// GIL.
bool read_part(part& p, file_reads& rd);

}  // namespace aptparse_py

#endif  // APTPARSE_PY_RECORD_PARTS_H_

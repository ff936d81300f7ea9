// Reading a log -- a file, or standard input -- as plain bytes, in chunks.
// The CLI and the Python package (parse_file) read their input through
// this one function, so both accept the same inputs and say the same
// things about bad ones.
//
//   io::read_result r = io::read_log("history.log.1.gz", [&](auto chunk) {
//     return parser.feed(chunk).ok();  // false stops the reading
//   });
//   if (!r.ok()) report(path, r.message);
//
// Gzip data is recognised by its magic bytes (1f 8b), not by the file name,
// and is inflated with zlib as `gzip -dc` would: every member of a
// multi-member file in turn (what `cat a.gz b.gz` makes), zero padding
// after the last member ignored. The same holds for standard input.
//
// Gzip files over 64 KiB, and gzip from a pipe, are inflated on a thread
// of their own, so that inflating and parsing overlap; the two hand over
// at most three buffers of `chunk_bytes`, so memory stays bounded
// whatever the input size.
//
// Bad input is reported, never dropped silently: the plain bytes that
// could be recovered before a cut or a corrupt block are passed to
// `on_chunk` first, then read_log returns the reason.
#ifndef APTPARSE_SRC_IO_LOG_READER_H_
#define APTPARSE_SRC_IO_LOG_READER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace aptparse::io {

struct read_result {
  enum class kind {
    ok,
    os_error,   // open/read failed, or a directory: `os_errno` says why
    truncated,  // the gzip data ends inside a member
    corrupt,    // invalid gzip data, or non-gzip bytes after the last member
  };
  kind what = kind::ok;
  int os_errno = 0;     // for os_error
  std::string message;  // why, without the file name; "" when ok
  bool ok() const { return what == kind::ok; }
};

struct read_options {
  // The most bytes passed to one on_chunk call.
  std::size_t chunk_bytes = 1 << 20;
  // Whether gzip data is inflated on its own thread. automatic: yes, unless
  // the input is a regular file small enough that starting a thread would
  // cost more than it saves.
  enum class inflate_thread { automatic, always, never };
  inflate_thread threading = inflate_thread::automatic;
  // The descriptor read for the path "-".
  int standard_input = 0;
};

// Called with each chunk of plain bytes, in order. The view is valid only
// during the call. Returning false stops the reading (read_log then
// returns ok).
using chunk_fn = std::function<bool(std::string_view)>;

// Reads `path` ("-": opts.standard_input) to its end, passing its plain
// bytes to `on_chunk`. Standard input is read but not closed.
read_result read_log(const std::string& path, const chunk_fn& on_chunk,
                     const read_options& opts = {});

}  // namespace aptparse::io

#endif  // APTPARSE_SRC_IO_LOG_READER_H_

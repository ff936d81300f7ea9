// A gzip stream read from a file descriptor and inflated with zlib, member
// after member, as `gzip -dc` does (see log_reader.h for the rules).
#ifndef APTPARSE_SRC_IO_GZIP_STREAM_H_
#define APTPARSE_SRC_IO_GZIP_STREAM_H_

#include <zlib.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "io/log_reader.h"

namespace aptparse::io {

class gzip_stream {
 public:
  // Reads from `fd` (not owned), after `head`: the bytes already read from
  // it to find the magic. `fill` (for regular files): read() fills its
  // buffer whole; else it returns what one read(2) of input gives, so that
  // data from a pipe is passed on as it arrives.
  gzip_stream(int fd, std::string_view head, bool fill);
  ~gzip_stream();
  gzip_stream(const gzip_stream&) = delete;
  gzip_stream& operator=(const gzip_stream&) = delete;

  // Inflates into `out`; returns how many bytes it wrote, 0 at the end of
  // the data or after an error (then error() says which).
  std::size_t read(std::span<char> out);

  const read_result& error() const { return error_; }

 private:
  bool refill();  // appends input; false at end of file or on error
  bool start_next_member();
  void fail(read_result::kind what, std::string message);

  z_stream z_{};
  int fd_;
  bool fill_;
  std::vector<unsigned char> in_;
  bool eof_ = false;
  bool in_member_ = true;  // false between members
  bool done_ = false;
  read_result error_;
};

}  // namespace aptparse::io

#endif  // APTPARSE_SRC_IO_GZIP_STREAM_H_

#include "io/gzip_stream.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <string>

namespace aptparse::io {
namespace {

constexpr std::size_t kInputBytes = 1 << 16;
constexpr int kGzipOnly = 15 + 16;  // windowBits: 32 KiB window, gzip header

std::string after(std::uint64_t out_bytes) {
  return " (after " + std::to_string(out_bytes) + " uncompressed bytes)";
}

}  // namespace

gzip_stream::gzip_stream(int fd, std::string_view head, bool fill)
    : fd_(fd), fill_(fill), in_(std::max(kInputBytes, head.size())) {
  std::memcpy(in_.data(), head.data(), head.size());
  z_.next_in = in_.data();
  z_.avail_in = static_cast<uInt>(head.size());
  if (inflateInit2(&z_, kGzipOnly) != Z_OK) {
    fail(read_result::kind::os_error, "cannot start zlib: out of memory");
    error_.os_errno = ENOMEM;
  }
}

gzip_stream::~gzip_stream() { inflateEnd(&z_); }

void gzip_stream::fail(read_result::kind what, std::string message) {
  error_.what = what;
  error_.message = std::move(message);
  done_ = true;
}

// Moves the unread input to the front and reads more after it.
bool gzip_stream::refill() {
  if (eof_) return false;
  std::memmove(in_.data(), z_.next_in, z_.avail_in);
  z_.next_in = in_.data();
  while (true) {
    const ssize_t n =
        ::read(fd_, in_.data() + z_.avail_in, in_.size() - z_.avail_in);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      fail(read_result::kind::os_error, std::strerror(errno));
      error_.os_errno = errno;
      return false;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    z_.avail_in += static_cast<uInt>(n);
    return true;
  }
}

// Between members: zero padding is skipped (gzip -dc ignores it too);
// anything else must be the next member's magic. Returns false at the
// end of the data or on trailing garbage.
bool gzip_stream::start_next_member() {
  while (true) {
    while (z_.avail_in > 0 && *z_.next_in == 0) {
      ++z_.next_in;
      --z_.avail_in;
    }
    if (z_.avail_in >= 2 || !refill()) break;
  }
  if (done_ || z_.avail_in == 0) return false;  // read error, or the end
  if (z_.avail_in < 2 || z_.next_in[0] != 0x1f || z_.next_in[1] != 0x8b) {
    fail(read_result::kind::corrupt,
         "trailing garbage after the gzip data" + after(z_.total_out));
    return false;
  }
  inflateReset(&z_);  // keeps total_out
  in_member_ = true;
  return true;
}

std::size_t gzip_stream::read(std::span<char> out) {
  if (done_ || out.empty()) return 0;
  z_.next_out = reinterpret_cast<unsigned char*>(out.data());
  z_.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size(), 1u << 30));
  const uInt room = z_.avail_out;
  while (z_.avail_out > 0 && !done_) {
    const bool gave = z_.avail_out < room;
    if (!in_member_) {
      if (z_.avail_in == 0 && !fill_ && gave) break;
      if (!start_next_member()) {
        done_ = true;
        break;
      }
    }
    if (z_.avail_in == 0) {
      if (!fill_ && gave) break;  // pass on what a pipe gave
      if (!refill()) {
        if (!done_)
          fail(read_result::kind::truncated,
               "truncated gzip data: the input ends inside a compressed "
               "member" +
                   after(z_.total_out));
        break;
      }
    }
    const int rc = inflate(&z_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      in_member_ = false;
    } else if (rc == Z_MEM_ERROR) {
      fail(read_result::kind::os_error, "zlib: out of memory");
      error_.os_errno = ENOMEM;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      fail(read_result::kind::corrupt, std::string("corrupt gzip data: ") +
                                           (z_.msg ? z_.msg : "invalid data") +
                                           after(z_.total_out));
    }
  }
  return room - z_.avail_out;
}

}  // namespace aptparse::io

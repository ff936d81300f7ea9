#include "io/log_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "io/gzip_stream.h"
#include "io/relay.h"
#include "util/scratch_buffer.h"

namespace aptparse::io {
namespace {

// Below this compressed size a gzip file is inflated on the calling
// thread. Starting and joining a thread costs about 60 us (300 rotated
// logs of ~1 kB: 0.037 s CPU threaded, 0.019 s inline), as much as
// inflating a few kB; a 64 KiB file inflates in about half a millisecond,
// which the overlap saves.
constexpr off_t kInlineGzipBytes = 64 << 10;

class fd_guard {
 public:
  explicit fd_guard(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~fd_guard() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
  bool owned_;
};

read_result os_error(int err) {
  return {read_result::kind::os_error, err, std::strerror(err)};
}

// Reads up to `size` bytes, fewer only at the end of the input. Returns
// the count, or -1 (errno set).
ssize_t read_up_to(int fd, char* out, std::size_t size) {
  std::size_t have = 0;
  while (have < size) {
    const ssize_t n = ::read(fd, out + have, size - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  return static_cast<ssize_t>(have);
}

read_result read_plain(int fd, std::string_view head, std::size_t chunk_bytes,
                       const chunk_fn& on_chunk) {
  if (!head.empty() && !on_chunk(head)) return {};
  // Not zero-filled (zeroing 1 MiB per file cost more than reading a
  // rotated log), and the thread's buffer of the last file.
  const scratch_buffer buf(chunk_bytes);
  while (true) {
    const ssize_t n = ::read(fd, buf.data(), chunk_bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return os_error(errno);
    if (n == 0) return {};
    if (!on_chunk(std::string_view(buf.data(), static_cast<std::size_t>(n))))
      return {};
  }
}

read_result inflate_inline(gzip_stream& gz, std::size_t chunk_bytes,
                           const chunk_fn& on_chunk) {
  const scratch_buffer buf(chunk_bytes);
  for (std::size_t n; (n = gz.read({buf.data(), chunk_bytes})) > 0;)
    if (!on_chunk(std::string_view(buf.data(), n))) return {};
  return gz.error();
}

read_result inflate_threaded(gzip_stream& gz, std::size_t chunk_bytes,
                             const chunk_fn& on_chunk) {
  relay r(chunk_bytes);
  r.run([&gz](std::span<char> buf) { return gz.read(buf); }, on_chunk);
  return r.stopped_early() ? read_result{} : gz.error();
}

bool use_thread(const read_options& opts, const struct stat& st) {
  using t = read_options::inflate_thread;
  if (opts.threading != t::automatic) return opts.threading == t::always;
  return !S_ISREG(st.st_mode) || st.st_size > kInlineGzipBytes;
}

}  // namespace

read_result read_log(const std::string& path, const chunk_fn& on_chunk,
                     const read_options& opts) {
  const bool is_stdin = path == "-";
  fd_guard fd(is_stdin ? opts.standard_input : ::open(path.c_str(), O_RDONLY),
              !is_stdin);
  if (fd.get() < 0) return os_error(errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return os_error(errno);
  if (S_ISDIR(st.st_mode)) return os_error(EISDIR);

  char magic[2];
  const ssize_t n = read_up_to(fd.get(), magic, sizeof magic);
  if (n < 0) return os_error(errno);
  const std::string_view head(magic, static_cast<std::size_t>(n));
  const std::size_t chunk = std::max<std::size_t>(opts.chunk_bytes, 1);
  if (head != "\x1f\x8b") return read_plain(fd.get(), head, chunk, on_chunk);

  gzip_stream gz(fd.get(), head, S_ISREG(st.st_mode));
  if (!gz.error().ok()) return gz.error();
  return use_thread(opts, st) ? inflate_threaded(gz, chunk, on_chunk)
                              : inflate_inline(gz, chunk, on_chunk);
}

}  // namespace aptparse::io

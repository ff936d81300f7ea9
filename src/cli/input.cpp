#include "cli/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace aptparse::cli {
namespace {

constexpr std::size_t kChunk = 1 << 20;

class fd_guard {
 public:
  explicit fd_guard(int fd) : fd_(fd) {}
  ~fd_guard() {
    if (fd_ > 2) ::close(fd_);
  }
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string read_chunks(const std::string& path,
                        const std::function<void(std::string_view)>& on_chunk) {
  fd_guard fd(path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY));
  if (fd.get() < 0) return std::strerror(errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) == 0 && S_ISDIR(st.st_mode))
    return std::strerror(EISDIR);
  std::vector<char> buf(kChunk);
  bool first = true;
  while (true) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::strerror(errno);
    }
    if (n == 0) break;
    if (first && n >= 2 && static_cast<unsigned char>(buf[0]) == 0x1f &&
        static_cast<unsigned char>(buf[1]) == 0x8b)
      return "gzip-compressed input; decompress it first (zcat FILE | "
             "aptparse), or use aptparse.parse_file() in Python";
    first = false;
    on_chunk(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
  return {};
}

}  // namespace aptparse::cli

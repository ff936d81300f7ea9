#include "cli/input.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

extern char** environ;

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

// Reads everything from `fd` into on_chunk. Returns "" or strerror.
std::string pump(int fd, const std::function<void(std::string_view)>& on_chunk,
                 std::vector<char>& buf) {
  while (true) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::strerror(errno);
    }
    if (n == 0) return {};
    on_chunk(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
}

// Rotated apt logs are gzip files (history.log.1.gz). They are read through
// the system's gzip, so that no compression library is needed; gzip's exit
// status tells a truncated or corrupt file.
std::string read_gzip(const std::string& path,
                      const std::function<void(std::string_view)>& on_chunk) {
  int out[2], err[2];
  if (::pipe(out) != 0) return std::strerror(errno);
  if (::pipe(err) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    return std::strerror(errno);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, err[0]);
  std::string arg0 = "gzip", arg1 = "-dc", arg2 = "--";
  std::string file = path;
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), file.data(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "gzip", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(err[1]);
  fd_guard out_fd(out[0]), err_fd(err[0]);
  if (rc != 0)
    return std::string("gzip-compressed, and gzip could not be run: ") +
           std::strerror(rc);
  std::vector<char> buf(kChunk);
  std::string read_error = pump(out_fd.get(), on_chunk, buf);
  std::string message;
  pump(err_fd.get(), [&](std::string_view s) { message.append(s); }, buf);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!read_error.empty()) return read_error;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  return "corrupt or truncated gzip data" +
         (message.empty() ? std::string() : " (" + message + ")");
}

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
        static_cast<unsigned char>(buf[1]) == 0x8b) {
      if (path == "-")
        return "gzip-compressed standard input; pipe it through zcat";
      return read_gzip(path, on_chunk);
    }
    first = false;
    on_chunk(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
  return {};
}

}  // namespace aptparse::cli

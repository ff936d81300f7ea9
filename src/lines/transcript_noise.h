// Lines of a document around quoted apt output that are not apt's: the
// markdown fences around a code block ("```", "```console", "~~~") and the
// shell prompts of the commands that ran apt ("$ sudo apt install x",
// "# apt-get upgrade", "user@host:~$ apt upgrade", "[root@host /]# ...").
// They are read as blank lines: noise that ends an open list.
#ifndef APTPARSE_SRC_LINES_TRANSCRIPT_NOISE_H_
#define APTPARSE_SRC_LINES_TRANSCRIPT_NOISE_H_

#include <string_view>

namespace aptparse::detail {

// The full check, for lines that can start like a fence or a prompt.
bool is_transcript_noise_slow(std::string_view line) noexcept;

// Inline first-byte test: runs on every line. No line of apt's or dpkg's
// starts with '`', '~', '$', '#' or '['; a prompt's user name starts with
// a lower-case letter or '_', as does some text of dpkg's, so those lines
// take the slow path, which stops at the first byte that cannot be part of
// a user name.
inline bool is_transcript_noise(std::string_view line) noexcept {
  if (line.empty()) return false;
  const char c = line[0];
  if ((c >= 'a' && c <= 'z') || c == '_' || c == '`' || c == '~' || c == '$' ||
      c == '#' || c == '[')
    return is_transcript_noise_slow(line);
  return false;
}

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_TRANSCRIPT_NOISE_H_

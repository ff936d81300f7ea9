// Lines of a document around quoted apt output that are not apt's: the
// markdown fences around a code block ("```", "```console", "~~~") and the
// shell prompts of the commands that ran apt ("$ sudo apt install x",
// "# apt-get upgrade", "[root@host /]# apt upgrade" and, behind a quote
// prefix, "user@host:~$ apt upgrade"). They are read as blank lines: noise
// that ends an open list.
#ifndef APTPARSE_SRC_LINES_TRANSCRIPT_NOISE_H_
#define APTPARSE_SRC_LINES_TRANSCRIPT_NOISE_H_

#include <string_view>

namespace aptparse::detail {

// The one-byte test for every line: can it be a fence or a prompt that
// does not start with a user name? No line of apt's or dpkg's starts with
// these bytes. A "user@host" prompt is only looked for behind a quote
// prefix (see quote_prefix.h): testing every line for a user name would
// cost the common path.
constexpr bool may_begin_transcript(char c) noexcept {
  return c == '`' || c == '~' || c == '$' || c == '#' || c == '[';
}

// True iff `line` is a fence or a shell prompt, "user@host" ones included.
bool is_transcript_noise(std::string_view line) noexcept;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_LINES_TRANSCRIPT_NOISE_H_

// Reading one input (a file or standard input) into a parser, in chunks.
#ifndef APTPARSE_SRC_CLI_INPUT_H_
#define APTPARSE_SRC_CLI_INPUT_H_

#include <functional>
#include <string>
#include <string_view>

namespace aptparse::cli {

// Reads `path` ("-" for standard input) and calls on_chunk for each chunk.
// A gzip-compressed file is decompressed (through the system's gzip).
// Returns "" on success, else the reason it could not be read (strerror).
std::string read_chunks(const std::string& path,
                        const std::function<void(std::string_view)>& on_chunk);

}  // namespace aptparse::cli

#endif  // APTPARSE_SRC_CLI_INPUT_H_

// JSON output: one object per transaction (JSON Lines).
//
//   aptparse::report_builder b(opts, [&](aptparse::transaction&& t) {
//     std::string line;
//     aptparse::append_json(line, t, "apt.log");
//     line += '\n';
//     fwrite(line.data(), 1, line.size(), stdout);
//   });
//
// The schema is documented in README.md ("JSON schema") and is stable: keys
// are only ever added. Strings are the bytes of the log; bytes that are not
// valid UTF-8 are written as \udcXX escapes (the "surrogateescape" mapping
// that Python's bytes.decode(errors="surrogateescape") also uses), so the
// output is always valid JSON and the original bytes can be recovered.
#ifndef APTPARSE_JSON_H_
#define APTPARSE_JSON_H_

#include <functional>
#include <string>
#include <string_view>

#include "aptparse/export.h"
#include "aptparse/report.h"

namespace aptparse {

// Appends `t` as one JSON object, without a line end, to `out`. `source`
// names the input (a file name, "-" for stdin, or "" for none).
APTPARSE_EXPORT void append_json(std::string& out, const transaction& t,
                                 std::string_view source);

// Returns append_json() of `t` as a new string.
APTPARSE_EXPORT std::string to_json(const transaction& t,
                                    std::string_view source = {});

// Hands `t` as one JSON object and its line end ('\n') to `write`, as a
// view that is valid only during the call: the same text as append_json(),
// without its copy into a string (for output written straight to a file).
// `write` must not itself write JSON on the same thread: the view is of
// that thread's scratch memory.
APTPARSE_EXPORT void write_json_line(
    const transaction& t, std::string_view source,
    const std::function<void(std::string_view)>& write);

// Appends `text` as a JSON string literal (quotes included) to `out`.
APTPARSE_EXPORT void append_json_string(std::string& out,
                                        std::string_view text);

}  // namespace aptparse

#endif  // APTPARSE_JSON_H_

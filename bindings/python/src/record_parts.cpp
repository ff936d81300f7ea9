#include "record_parts.h"

#include <utility>

#include "convert.h"
#include "io/log_reader.h"
#include "lazy_transactions.h"

namespace aptparse_py {
namespace {

std::optional<std::string> opt_str(py::handle o, const char* what) {
  if (o.is_none()) return std::nullopt;
  return bytes_from_py(o, what);
}

}  // namespace

std::vector<part> parts_of(
    py::handle parts, std::vector<std::vector<aptparse::transaction>>& keep,
    bool paths) {
  std::vector<part> out;
  for (py::handle p : parts) {
    auto item = p.cast<py::tuple>();
    if (item.size() != 3)
      throw py::type_error(
          "_record_columns: parts are (transactions, source, host)");
    part in;
    py::handle src = item[0];
    if (paths && py::isinstance<py::bytes>(src)) {
      in.path = src.cast<std::string>();
    } else if (py::isinstance<lazy_transactions>(src)) {
      auto& lazy = src.cast<lazy_transactions&>();
      in.ts = lazy.cpp();
      if (in.ts == nullptr) {
        std::vector<aptparse::transaction>& ts = keep.emplace_back();
        for (std::size_t i = 0; i < lazy.size(); ++i)
          ts.push_back(transaction_from_py(lazy.get(i)));
        in.ts = &ts;
      }
    } else {
      std::vector<aptparse::transaction>& ts = keep.emplace_back();
      for (py::handle t : src) ts.push_back(transaction_from_py(t));
      in.ts = &ts;
    }
    in.source = opt_str(item[1], "source");
    in.host = opt_str(item[2], "host");
    out.push_back(std::move(in));
  }
  return out;
}

bool read_part(part& p, file_reads& rd) {
  aptparse::report_builder builder(rd.opts);
  aptparse::parser parser(builder, rd.opts);
  const aptparse::io::read_result r = aptparse::io::read_log(
      *p.path, [&](std::string_view chunk) { return parser.feed(chunk).ok(); },
      {.chunk_bytes = rd.chunk_bytes});
  if (!r.ok()) return false;
  (void)parser.finish();
  p.ts = &rd.reports.emplace_back(builder.take_report()).transactions;
  return true;
}

}  // namespace aptparse_py

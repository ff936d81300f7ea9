// A comparison -> one JSON object (docs/compare.schema.json). Keys are only
// ever added. Package fields follow the transaction JSON: "" is null.
#include <string>

#include "aptparse/compare.h"
#include "aptparse/json.h"

namespace aptparse {
namespace {

void key(std::string& out, std::string_view name) {
  if (out.back() != '{') out += ',';
  append_json_string(out, name);
  out += ':';
}

void string_or_null(std::string& out, std::string_view name,
                    std::string_view value) {
  key(out, name);
  if (value.empty())
    out += "null";
  else
    append_json_string(out, value);
}

void number(std::string& out, std::string_view name, std::size_t value) {
  key(out, name);
  out += std::to_string(value);
}

// The fields of a change, inside an object already open.
void change_fields(std::string& out, const change& c) {
  string_or_null(out, "action", action_name(c.action));
  string_or_null(out, "name", c.name);
  string_or_null(out, "arch", c.arch);
  string_or_null(out, "old", c.old_version);
  string_or_null(out, "new", c.new_version);
}

void planned(std::string& out, const planned_change& p) {
  out += '{';
  change_fields(out, p.plan);
  string_or_null(out, "status", status_name(p.status));
  key(out, "outcome");
  if (p.outcome) {
    out += '{';
    change_fields(out, *p.outcome);
    out += '}';
  } else {
    out += "null";
  }
  out += '}';
}

void unplanned(std::string& out, const unplanned_change& u) {
  out += '{';
  change_fields(out, u.outcome);
  key(out, "failed");
  out += u.failed ? "true" : "false";
  out += '}';
}

template <class T, class F>
void list(std::string& out, std::string_view name, const std::vector<T>& items,
          F write) {
  key(out, name);
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    write(out, items[i]);
  }
  out += ']';
}

}  // namespace

void append_json(std::string& out, const comparison& c, std::string_view plan,
                 std::string_view outcome) {
  out += '{';
  string_or_null(out, "plan", plan);
  string_or_null(out, "outcome", outcome);
  string_or_null(out, "start", c.start.value_or(""));
  string_or_null(out, "end", c.end.value_or(""));
  key(out, "all_happened");
  out += c.all_happened() ? "true" : "false";
  key(out, "counts");
  out += '{';
  for (int s = 0; s <= static_cast<int>(change_status::absent); ++s) {
    const auto status = static_cast<change_status>(s);
    number(out, status_name(status), c.count(status));
  }
  number(out, "unplanned", c.unplanned.size());
  out += '}';
  list(out, "planned", c.planned, planned);
  list(out, "unplanned", c.unplanned, unplanned);
  out += '}';
}

}  // namespace aptparse

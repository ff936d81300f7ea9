#include "report/record_fields.h"

#include <charconv>

#include "util/log_time.h"

namespace aptparse::detail {
namespace {

// The time, with its UTC offset in `zone` appended (built in `scratch`).
std::string_view with_offset(std::string_view iso, const time_zone& zone,
                             std::string& scratch) {
  auto t = parse_log_time(iso);
  if (!t) return iso;
  scratch.assign(iso);
  scratch += format_utc_offset(zone.offset_of_local(*t));
  return scratch;
}

// The time as stored: with_offset() only when a zone is given (tested here:
// the out-of-line call saved registers before its test, ~20 instructions
// for each of a history record's two times).
std::string_view time_text(std::string_view iso, const time_zone* zone,
                           std::string& scratch) {
  return zone == nullptr ? iso : with_offset(iso, *zone, scratch);
}

}  // namespace

void split_requested_by(std::string_view value, std::string_view& user,
                        std::optional<std::uint32_t>& uid) {
  uid.reset();
  user = value;
  // apt writes "%s (%u)": the user name, then the uid in parentheses.
  if (value.size() < 4 || value.back() != ')') return;
  const std::size_t open = value.rfind(" (");
  if (open == std::string_view::npos) return;
  const std::string_view digits =
      value.substr(open + 2, value.size() - open - 3);
  std::uint32_t n = 0;
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || ec != std::errc() ||
      end != digits.data() + digits.size())
    return;
  uid = n;
  user = value.substr(0, open);
}

void store_record_field(transaction& t, record_field field,
                        std::string_view value, const time_zone* zone,
                        std::string& scratch) {
  string_arena& arena = *t.strings;
  switch (field) {
    case record_field::start:
      t.start = arena.save(time_text(value, zone, scratch));
      return;
    case record_field::end:
      t.end = arena.save(time_text(value, zone, scratch));
      return;
    case record_field::command:
      t.command = arena.save(value);
      return;
    case record_field::requested_by: {
      std::string_view user;
      split_requested_by(value, user, t.requested_by_uid);
      t.requested_by_user = arena.save(user);
      return;
    }
    case record_field::error:
      // A further line: the joined text is saved anew (errors are rare,
      // and almost always one line).
      if (t.error) {
        scratch.assign(*t.error).append("\n").append(value);
        value = scratch;
      }
      t.error = arena.save(value);
      return;
  }
}

void record_field_store::store_first_naive(transaction& t, record_field field,
                                           std::string_view value,
                                           const position& where) {
  unreported_ = false;  // once: the times stay naive
  t.diagnostics.push_back(diagnostic{errc::unknown_timezone, where, 0});
  store_record_field(t, field, value, nullptr, scratch_);
}

}  // namespace aptparse::detail

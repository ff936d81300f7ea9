#include "report/record_fields.h"

#include <charconv>
#include <string>

#include "util/log_time.h"

namespace aptparse::detail {
namespace {

std::string with_offset(std::string_view iso, const time_zone* zone) {
  std::string out(iso);
  if (zone == nullptr) return out;
  if (auto t = parse_log_time(iso))
    out += format_utc_offset(zone->offset_of_local(*t));
  return out;
}

}  // namespace

void split_requested_by(std::string_view value, std::string& user,
                        std::optional<std::uint32_t>& uid) {
  uid.reset();
  user.assign(value);
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
  user.assign(value.substr(0, open));
}

void store_record_field(transaction& t, record_field field,
                        std::string_view value, const time_zone* zone) {
  switch (field) {
    case record_field::start:
      t.start = with_offset(value, zone);
      return;
    case record_field::end:
      t.end = with_offset(value, zone);
      return;
    case record_field::command:
      t.command.emplace(value);
      return;
    case record_field::requested_by: {
      std::string user;
      split_requested_by(value, user, t.requested_by_uid);
      t.requested_by_user = std::move(user);
      return;
    }
    case record_field::error:
      if (t.error)
        t.error->append("\n").append(value);
      else
        t.error.emplace(value);
      return;
  }
}

}  // namespace aptparse::detail

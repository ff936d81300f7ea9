// A log record's fields (event_sink::on_record_field) into a transaction.
#ifndef APTPARSE_SRC_REPORT_RECORD_FIELDS_H_
#define APTPARSE_SRC_REPORT_RECORD_FIELDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "aptparse/events.h"
#include "aptparse/report.h"
#include "report/string_arena.h"
#include "util/time_zone.h"

namespace aptparse::detail {

// Stores `value` of `field` in `t`, its text saved in `t.strings`: a time
// with its UTC offset in `zone` appended (none: kept naive); "user (uid)"
// split into user and uid; a further error line appended to the error with
// '\n'. `scratch` is reused for the text that is built (no allocation once
// it has grown).
void store_record_field(transaction& t, record_field field,
                        std::string_view value, const time_zone* zone,
                        std::string& scratch);

// The report builder's store of record fields: store_record_field() with
// options::timezone's zone, looked up once. When that zone is unknown the
// times stay naive, and the first time stored adds one unknown_timezone
// diagnostic to its transaction.
class record_field_store {
 public:
  explicit record_field_store(std::string_view timezone)
      : zone_(timezone.empty() ? std::nullopt : time_zone::find(timezone)),
        unreported_(!timezone.empty() && !zone_) {}

  // Inline, the test first: the usual call is a jump to
  // store_record_field() (the builder's event saved six registers for the
  // rare diagnostic, ~20 instructions a field).
  void store(transaction& t, record_field field, std::string_view value,
             const position& where) {
    if (unreported_ && (field == record_field::start ||
                        field == record_field::end)) [[unlikely]] {
      store_first_naive(t, field, value, where);
      return;
    }
    store_record_field(t, field, value, zone_ ? &*zone_ : nullptr, scratch_);
  }

 private:
  // The first time with an unknown zone: the diagnostic, then the store.
  [[gnu::noinline]] void store_first_naive(transaction& t, record_field field,
                                           std::string_view value,
                                           const position& where);

  std::optional<time_zone> zone_;  // options::timezone, if known
  bool unreported_;                // the zone is unknown and not yet diagnosed
  std::string scratch_;            // store_record_field()'s
};

// Splits apt's "Requested-By: user (uid)" value. A value without a
// parenthesised number is all user, uid nullopt. `user` views `value`.
void split_requested_by(std::string_view value, std::string_view& user,
                        std::optional<std::uint32_t>& uid);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_RECORD_FIELDS_H_

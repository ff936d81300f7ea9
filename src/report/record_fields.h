// A log record's fields (event_sink::on_record_field) into a transaction.
#ifndef APTPARSE_SRC_REPORT_RECORD_FIELDS_H_
#define APTPARSE_SRC_REPORT_RECORD_FIELDS_H_

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

// Splits apt's "Requested-By: user (uid)" value. A value without a
// parenthesised number is all user, uid nullopt. `user` views `value`.
void split_requested_by(std::string_view value, std::string_view& user,
                        std::optional<std::uint32_t>& uid);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_RECORD_FIELDS_H_

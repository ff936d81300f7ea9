// A log record's fields (event_sink::on_record_field) into a transaction.
#ifndef APTPARSE_SRC_REPORT_RECORD_FIELDS_H_
#define APTPARSE_SRC_REPORT_RECORD_FIELDS_H_

#include <string_view>

#include "aptparse/events.h"
#include "aptparse/report.h"
#include "util/time_zone.h"

namespace aptparse::detail {

// Stores `value` of `field` in `t`: a time with its UTC offset in `zone`
// appended (none: kept naive); "user (uid)" split into user and uid; a
// further error line appended to the error with '\n'.
void store_record_field(transaction& t, record_field field,
                        std::string_view value, const time_zone* zone);

// Splits apt's "Requested-By: user (uid)" value. A value without a
// parenthesised number is all user, uid nullopt.
void split_requested_by(std::string_view value, std::string& user,
                        std::optional<std::uint32_t>& uid);

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_RECORD_FIELDS_H_

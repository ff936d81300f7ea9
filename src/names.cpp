// The stable names of enumerations: error codes, sets, reasons, levels and
// verdicts, record kinds. JSON and the Python binding use these strings.
#include <iterator>

#include "aptparse/error.h"
#include "aptparse/events.h"
#include "aptparse/report.h"
#include "aptparse/version.h"
#include "util/enum_name.h"

namespace aptparse {

const char* version() noexcept { return APTPARSE_VERSION_STRING; }

namespace {

struct errc_text {
  std::string_view name;
  std::string_view message;
};

// errc's numbers have a gap (8 is retired), so a switch, not an array.
constexpr errc_text text_of(errc code) noexcept {
  switch (code) {
#define APTPARSE_ERRC_TEXT(name, number, message) \
  case errc::name:                                \
    return {#name, message};
    APTPARSE_ERRC_MAP(APTPARSE_ERRC_TEXT)
#undef APTPARSE_ERRC_TEXT
  }
  return {"unknown_error", "unknown error"};
}

// The names of the enumerations numbered 0, 1, 2, ... in declaration order;
// the static_asserts catch an enumerator added without its name.
#define APTPARSE_SET_NAME(name) #name,
constexpr std::string_view kSetNames[] = {
    APTPARSE_PKG_SET_MAP(APTPARSE_SET_NAME)};
#undef APTPARSE_SET_NAME
#define APTPARSE_FIELD_NAME(name) #name,
constexpr std::string_view kRecordFieldNames[] = {
    APTPARSE_RECORD_FIELD_MAP(APTPARSE_FIELD_NAME)};
#undef APTPARSE_FIELD_NAME
constexpr std::string_view kReasonNames[] = {"", "kept_back", "phasing",
                                             "held"};
constexpr std::string_view kPrefixNames[] = {
    "",      "buildkit", "github_actions", "indent",
    "quote", "syslog",   "json_string"};
constexpr std::string_view kLevelNames[] = {"error", "warning", "notice",
                                            "audit"};
constexpr std::string_view kVerdictNames[] = {"consistent", "inconsistent",
                                              "no_counts"};
constexpr std::string_view kRecordKindNames[] = {"transaction", "listing"};

template <class E, std::size_t N>
constexpr bool names_all(const std::string_view (&)[N], E last) {
  return N == static_cast<std::size_t>(last) + 1;
}
static_assert(std::size(kSetNames) == pkg_set_count);
static_assert(names_all(kRecordFieldNames, record_field::error));
static_assert(names_all(kReasonNames, hold_reason::held));
static_assert(names_all(kPrefixNames, line_prefix::json_string));
static_assert(names_all(kLevelNames, message_level::audit));
static_assert(names_all(kVerdictNames, consistency_verdict::no_counts));
static_assert(names_all(kRecordKindNames, record_kind::listing));

}  // namespace

std::string_view error_name(errc code) noexcept { return text_of(code).name; }

std::string_view error_message(errc code) noexcept {
  return text_of(code).message;
}

// X(function, enumeration, names, name of a value outside the enumeration)
#define APTPARSE_NAME_ACCESSORS(X)                                 \
  X(set_name, pkg_set, kSetNames, "unknown")                       \
  X(record_field_name, record_field, kRecordFieldNames, "unknown") \
  X(reason_name, hold_reason, kReasonNames, "")                    \
  X(prefix_name, line_prefix, kPrefixNames, "")                    \
  X(level_name, message_level, kLevelNames, "error")               \
  X(verdict_name, consistency_verdict, kVerdictNames, "no_counts") \
  X(record_kind_name, record_kind, kRecordKindNames, "transaction")
APTPARSE_NAME_ACCESSORS(APTPARSE_DEFINE_ENUM_NAME)
#undef APTPARSE_NAME_ACCESSORS

}  // namespace aptparse

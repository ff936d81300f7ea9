// The stable names of enumerations: error codes, sets, reasons, levels and
// verdicts. JSON and the Python binding use these strings.
#include "aptparse/error.h"
#include "aptparse/events.h"
#include "aptparse/report.h"
#include "aptparse/version.h"

namespace aptparse {

const char* version() noexcept { return APTPARSE_VERSION_STRING; }

std::string_view error_name(errc code) noexcept {
  switch (code) {
#define APTPARSE_ERRC_NAME(name, number, message) \
  case errc::name:                                \
    return #name;
    APTPARSE_ERRC_MAP(APTPARSE_ERRC_NAME)
#undef APTPARSE_ERRC_NAME
  }
  return "unknown_error";
}

std::string_view error_message(errc code) noexcept {
  switch (code) {
#define APTPARSE_ERRC_MESSAGE(name, number, message) \
  case errc::name:                                   \
    return message;
    APTPARSE_ERRC_MAP(APTPARSE_ERRC_MESSAGE)
#undef APTPARSE_ERRC_MESSAGE
  }
  return "unknown error";
}

std::string_view set_name(pkg_set set) noexcept {
  switch (set) {
#define APTPARSE_SET_NAME(name) \
  case pkg_set::name:           \
    return #name;
    APTPARSE_PKG_SET_MAP(APTPARSE_SET_NAME)
#undef APTPARSE_SET_NAME
  }
  return "unknown";
}

std::string_view reason_name(hold_reason reason) noexcept {
  switch (reason) {
    case hold_reason::none: return "";
    case hold_reason::kept_back: return "kept_back";
    case hold_reason::phasing: return "phasing";
    case hold_reason::held: return "held";
  }
  return "";
}

std::string_view prefix_name(line_prefix prefix) noexcept {
  switch (prefix) {
    case line_prefix::none: return "";
    case line_prefix::buildkit: return "buildkit";
    case line_prefix::github_actions: return "github_actions";
    case line_prefix::indent: return "indent";
    case line_prefix::quote: return "quote";
  }
  return "";
}

std::string_view level_name(message_level level) noexcept {
  switch (level) {
    case message_level::error: return "error";
    case message_level::warning: return "warning";
    case message_level::notice: return "notice";
    case message_level::audit: return "audit";
  }
  return "error";
}

std::string_view verdict_name(consistency_verdict v) noexcept {
  switch (v) {
    case consistency_verdict::consistent: return "consistent";
    case consistency_verdict::inconsistent: return "inconsistent";
    case consistency_verdict::no_counts: return "no_counts";
  }
  return "no_counts";
}

}  // namespace aptparse

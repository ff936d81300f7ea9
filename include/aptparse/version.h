// aptparse version. CMake and the Python build read APTPARSE_VERSION_* from
// this file, so it is the one place the version lives.
#ifndef APTPARSE_VERSION_H_
#define APTPARSE_VERSION_H_

#include "aptparse/export.h"

#define APTPARSE_VERSION_MAJOR 0
#define APTPARSE_VERSION_MINOR 3
#define APTPARSE_VERSION_PATCH 0
#define APTPARSE_VERSION_STRING "0.3.0"

// The version of the --json record layout (append_json()), which
// docs/aptparse.schema.json describes and names in its "$id". It changes only
// when a key is added; keys are never renamed or removed. 2: the times,
// command, requester and error of apt's log records, and the failed set.
#define APTPARSE_JSON_SCHEMA_VERSION 2

namespace aptparse {

// Returns the version of the library that is linked, which can differ from
// APTPARSE_VERSION_STRING when a program is built against other headers.
APTPARSE_EXPORT const char* version() noexcept;

}  // namespace aptparse

#endif  // APTPARSE_VERSION_H_

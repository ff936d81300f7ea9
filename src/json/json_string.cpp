// The JSON writer's entry points that need no transaction writer
// (aptparse/json.h): a lone string literal, and to_json() on append_json().
#include <string>
#include <string_view>

#include "aptparse/json.h"
#include "json/cursor.h"
#include "json/escape.h"

namespace aptparse {

void append_json_string(std::string& out, std::string_view s) {
  detail::json_cursor c;
  c.advance(detail::put_string(c.room(detail::string_room(s.size())), s));
  c.append_to(out);
}

std::string to_json(const transaction& t, std::string_view source) {
  std::string out;
  append_json(out, t, source);
  return out;
}

}  // namespace aptparse

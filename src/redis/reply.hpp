#pragma once
// One Redis reply as a plain value (converted from hiredis's redisReply, which it never exposes).
// A value type: copy and move freely; thread-safe as any value.

#include <string>
#include <vector>

namespace cruddur::redis {

struct Reply {
  enum class Type { string, array, integer, nil, status, error };
  Type type = Type::nil;
  std::string str;             // string, status, error
  long long integer = 0;       // integer
  std::vector<Reply> elements; // array

  bool is_error() const { return type == Type::error; }
  bool is_array() const { return type == Type::array; }
};

// A command: its name and arguments, each sent as a binary-safe bulk string.
using Command = std::vector<std::string>;

}  // namespace cruddur::redis

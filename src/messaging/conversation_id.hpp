#pragma once
// The one conversation between two people has a deterministic id, so both of them (and two racing first
// messages) arrive at the same conversation. Pure; thread-safe.

#include <string>
#include <string_view>

namespace cruddur::messaging {

// uuid v5 of "<smaller uuid>:<larger uuid>": symmetric in its arguments.
std::string direct_conversation_id(std::string_view user_a_uuid, std::string_view user_b_uuid);

}  // namespace cruddur::messaging

#pragma once
// The rules a message must pass before anything is written. Pure; thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace cruddur::messaging {

inline constexpr std::size_t kMaxMessageCodePoints = 1024;
inline constexpr std::size_t kMaxClientMessageIdLength = 100;

// Codes for every rule `text` breaks: message_invalid_utf8, message_blank (empty after trimming white space),
// message_exceed_max_chars_1024 (more than 1024 code points after trimming). Empty when it passes.
std::vector<std::string> check_message_text(std::string_view text);

// The text that is stored: `text` without leading and trailing white space.
std::string normalize_message_text(std::string_view text);

// 1-100 characters of [A-Za-z0-9._:-] (a UUID fits). A client_message_id is only meaningful per sender.
bool is_valid_client_message_id(std::string_view id);

}  // namespace cruddur::messaging

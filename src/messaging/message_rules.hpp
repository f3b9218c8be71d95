#pragma once
// The rules a message must pass before anything is written. Pure; thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace cruddur::messaging {

inline constexpr std::size_t kMaxMessageCodePoints = 1024;
inline constexpr std::size_t kMaxClientMessageIdLength = 100;

// Codes for every rule `text` breaks, judged on the text that would be stored (normalize_message_text):
//   message_invalid_utf8 (alone), message_blank (alone: nothing visible, i.e. only white space and invisible
//   characters such as U+200B zero-width space, U+2060, U+FEFF; see utf8::is_blank),
//   message_invalid_characters (a control character other than newline and tab; CR only inside CRLF),
//   message_exceed_max_chars_1024 (more than 1024 code points). Empty when it passes.
std::vector<std::string> check_message_text(std::string_view text);

// The text that is stored: `text` without leading and trailing white space, CRLF line breaks as LF.
std::string normalize_message_text(std::string_view text);

// 1-100 characters of [A-Za-z0-9._:-] (a UUID fits). A client_message_id is only meaningful per sender.
bool is_valid_client_message_id(std::string_view id);

}  // namespace cruddur::messaging

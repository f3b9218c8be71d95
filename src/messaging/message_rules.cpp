#include "messaging/message_rules.hpp"

#include "core/utf8.hpp"

namespace cruddur::messaging {

std::vector<std::string> check_message_text(std::string_view text) {
  if (!utf8::count_code_points(text)) return {"message_invalid_utf8"};
  auto trimmed = utf8::trim(text);
  if (trimmed.empty()) return {"message_blank"};
  if (*utf8::count_code_points(trimmed) > kMaxMessageCodePoints) return {"message_exceed_max_chars_1024"};
  return {};
}

std::string normalize_message_text(std::string_view text) { return std::string(utf8::trim(text)); }

bool is_valid_client_message_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxClientMessageIdLength) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace cruddur::messaging

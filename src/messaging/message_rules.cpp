#include "messaging/message_rules.hpp"

#include "core/utf8.hpp"

namespace cruddur::messaging {

namespace {
// A message may span lines and hold tabs; every other control character (NUL, escape, ...) is refused.
// A carriage return is accepted only as part of a CRLF line break (stored as LF).
constexpr std::string_view kAllowedControls = "\n\t";

std::string crlf_to_lf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}
}  // namespace

std::vector<std::string> check_message_text(std::string_view text) {
  if (!utf8::count_code_points(text)) return {"message_invalid_utf8"};
  const std::string stored = normalize_message_text(text);
  if (utf8::is_blank(stored)) return {"message_blank"};
  std::vector<std::string> codes;
  if (utf8::has_control(stored, kAllowedControls)) codes.emplace_back("message_invalid_characters");
  if (*utf8::count_code_points(stored) > kMaxMessageCodePoints) codes.emplace_back("message_exceed_max_chars_1024");
  return codes;
}

std::string normalize_message_text(std::string_view text) { return crlf_to_lf(utf8::trim(text)); }

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

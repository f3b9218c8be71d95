#include "auth/account_rules.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace cruddur::auth {

namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_space_or_control(unsigned char c) { return c <= 0x20 || c == 0x7f; }

bool is_valid_email(std::string_view email) {
  if (email.size() > kMaxEmailBytes || !utf8::count_code_points(email)) return false;
  for (unsigned char c : email) {
    if (is_space_or_control(c)) return false;
  }
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) return false;
  const auto local = email.substr(0, at);
  const auto domain = email.substr(at + 1);
  if (local.empty() || domain.empty()) return false;
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && domain.front() != '.' && domain.back() != '.';
}

// Invalid UTF-8 is reported with the field's `_invalid` code; otherwise the text is trimmed and checked
// for blankness. Returns the trimmed text, or nullopt when a code was added.
std::optional<std::string> trimmed_or_report(std::string_view text, const std::string& field,
                                             std::vector<std::string>& codes) {
  if (!utf8::count_code_points(text)) {
    codes.push_back(field + "_invalid");
    return std::nullopt;
  }
  const auto trimmed = utf8::trim(text);
  if (utf8::is_blank(trimmed)) {
    codes.push_back(field + "_blank");
    return std::nullopt;
  }
  return std::string(trimmed);
}

}  // namespace

bool is_valid_handle(std::string_view handle) {
  if (handle.empty() || handle.size() > kMaxHandleBytes) return false;
  for (char c : ascii_lower(handle)) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

SignupRequest normalize_signup(const SignupRequest& request) {
  std::vector<std::string> codes;
  SignupRequest normalized;

  if (auto name = trimmed_or_report(request.display_name, "display_name", codes)) {
    if (utf8::has_control(*name)) codes.push_back("display_name_invalid_characters");
    if (*utf8::count_code_points(*name) > kMaxDisplayNameCodePoints) codes.push_back("display_name_too_long");
    normalized.display_name = std::move(*name);
  }
  if (auto handle = trimmed_or_report(request.handle, "handle", codes)) {
    if (!is_valid_handle(*handle)) codes.push_back("handle_invalid");
    normalized.handle = ascii_lower(*handle);
  }
  if (auto email = trimmed_or_report(request.email, "email", codes)) {
    if (!is_valid_email(*email)) codes.push_back("email_invalid");
    normalized.email = ascii_lower(*email);
  }

  const auto password_code_points = utf8::count_code_points(request.password);
  if (!password_code_points) codes.push_back("password_invalid");
  else if (*password_code_points < kMinPasswordCodePoints) codes.push_back("password_too_short");
  if (request.password.size() > kMaxPasswordBytes) codes.push_back("password_too_long");
  normalized.password = request.password;
  normalized.client = request.client;

  if (!codes.empty()) throw Error::validation(std::move(codes));
  return normalized;
}

SigninRequest normalize_signin(const SigninRequest& request) {
  std::vector<std::string> codes;
  SigninRequest normalized;
  // Invalid UTF-8 cannot name an account; it is left as is and simply finds nobody.
  normalized.login = utf8::count_code_points(request.login) ? std::string(utf8::trim(request.login)) : request.login;
  if (normalized.login.empty()) codes.push_back("login_blank");
  if (request.password.empty()) codes.push_back("password_blank");
  normalized.password = request.password;
  normalized.client = request.client;
  if (!codes.empty()) throw Error::validation(std::move(codes));
  return normalized;
}

}  // namespace cruddur::auth

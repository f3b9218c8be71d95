#include "core/error_codes.hpp"

#include <algorithm>
#include <array>

namespace cruddur {
namespace {

constexpr std::array kErrorCodes = std::to_array<ErrorCodeInfo>({
    {"auth_keys_unavailable", 503, "the Cognito signing keys cannot be fetched"},
    {"bad_request", 400, "the request is not one this route understands"},
    {"body_must_be_object", 400, "the JSON body is not an object"},
    {"cannot_message_self", 422, "the recipient handle is the sender's own"},
    {"client_message_id_conflict", 409, "a retry with this client_message_id carried different content"},
    {"client_message_id_invalid", 422, "client_message_id is not 1-64 characters of [A-Za-z0-9_-]"},
    {"client_message_id_must_be_string", 400, "\"client_message_id\" in the body is not a string"},
    {"cognito_unavailable", 503, "Cognito did not answer"},
    {"cursor_invalid", 422, "the paging cursor is not one this server issued for this list"},
    {"display_name_blank", 422, "display_name is missing or blank"},
    {"display_name_invalid", 422, "display_name is not valid UTF-8"},
    {"display_name_invalid_characters", 422, "display_name contains control characters"},
    {"display_name_must_be_string", 400, "\"display_name\" in the body is not a string"},
    {"display_name_too_long", 422, "display_name is over 100 characters"},
    {"email_blank", 422, "email is missing or blank"},
    {"email_invalid", 422, "email is not an email address"},
    {"email_must_be_string", 400, "\"email\" in the body is not a string"},
    {"email_taken", 409, "an account already uses this email"},
    {"handle_blank", 422, "handle is missing or blank"},
    {"handle_invalid", 422, "handle is not 1-30 letters, digits or underscores"},
    {"handle_must_be_string", 400, "\"handle\" in the body is not a string"},
    {"handle_taken", 409, "an account already uses this handle"},
    {"headers_too_large", 431, "the request's headers are over the limit"},
    {"internal_error", 500, "the server failed; the log says why"},
    {"invalid_credentials", 401, "wrong login or password"},
    {"limit_invalid", 422, "limit is not a whole number from 1 to 100"},
    {"login_blank", 422, "login is missing or blank"},
    {"login_must_be_string", 400, "\"login\" in the body is not a string"},
    {"malformed_json", 400, "the body is not JSON"},
    {"message_blank", 422, "the message is empty or only white space"},
    {"message_exceed_max_chars_1024", 422, "the message is over 1024 characters"},
    {"message_group_not_found", 404, "no such conversation, or the caller is not in it"},
    {"message_group_uuid_and_handle_both_given", 422, "a send names both a conversation and a recipient"},
    {"message_group_uuid_blank", 422, "a send names neither a conversation nor a recipient"},
    {"message_group_uuid_must_be_string", 400, "\"message_group_uuid\" in the body is not a string"},
    {"message_invalid_characters", 422, "the message contains control characters other than tab and newline"},
    {"message_invalid_utf8", 422, "the message is not valid UTF-8"},
    {"message_must_be_string", 400, "\"message\" in the body is not a string"},
    {"method_not_allowed", 405, "the route does not answer this method"},
    {"misdirected_request", 421, "the Host is not one this server answers"},
    {"not_found", 404, "no such route"},
    {"not_implemented", 501, "a Transfer-Encoding this server does not implement"},
    {"origin_not_allowed", 403, "a stream upgrade from an Origin that is not allowed"},
    {"password_blank", 422, "password is missing or empty"},
    {"password_invalid", 422, "password is not valid UTF-8 or contains control characters"},
    {"password_must_be_string", 400, "\"password\" in the body is not a string"},
    {"password_too_long", 422, "password is over the length limit"},
    {"password_too_short", 422, "password is under 8 characters"},
    {"payload_too_large", 413, "the body is over the limit"},
    {"service_busy", 503, "the password-hashing queue is full; retry after Retry-After"},
    {"service_unavailable", 503, "a store or the user directory is unavailable; retry later"},
    {"ticket_invalid", 401, "a stream ticket that is missing, unknown, used or expired"},
    {"too_many_requests", 429, "over a rate limit; retry after Retry-After"},
    {"too_many_streams", 503, "the server's or the person's stream limit is reached"},
    {"too_many_tickets", 503, "too many stream tickets are outstanding"},
    {"unauthorized", 401, "no valid access token"},
    {"up_to_invalid", 422, "up_to is not a message of this conversation"},
    {"up_to_must_be_string", 400, "\"up_to\" in the body is not a string"},
    {"upgrade_required", 426, "GET /api/stream without a WebSocket upgrade"},
    {"user_not_found", 404, "no user with this handle"},
    {"user_not_provisioned", 403, "a Cognito sign-in with no account here"},
});

constexpr bool sorted_and_unique() {
  for (std::size_t i = 1; i < kErrorCodes.size(); ++i) {
    if (!(kErrorCodes[i - 1].code < kErrorCodes[i].code)) return false;
  }
  return true;
}
static_assert(sorted_and_unique(), "kErrorCodes must be sorted by code, each code once");

}  // namespace

std::span<const ErrorCodeInfo> error_codes() { return kErrorCodes; }

const ErrorCodeInfo* find_error_code(std::string_view code) {
  auto it = std::lower_bound(kErrorCodes.begin(), kErrorCodes.end(), code,
                             [](const ErrorCodeInfo& info, std::string_view c) { return info.code < c; });
  return it != kErrorCodes.end() && it->code == code ? &*it : nullptr;
}

}  // namespace cruddur

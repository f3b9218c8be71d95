// MessagingService::other_member_of: membership for callers that know a user only by uuid (the stream).
#include <algorithm>
#include <cctype>

#include "core/uuid.hpp"
#include "messaging/messaging_service.hpp"

namespace cruddur::messaging {

Task<std::optional<std::string>> MessagingService::other_member_of(std::string user_uuid, std::string group) {
  if (!uuid::is_valid(group)) co_return std::nullopt;
  std::transform(group.begin(), group.end(), group.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  users::User me;
  me.uuid = std::move(user_uuid);
  co_return co_await other_member(me, group);
}

}  // namespace cruddur::messaging

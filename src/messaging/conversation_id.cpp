#include "messaging/conversation_id.hpp"

#include "core/uuid.hpp"

namespace cruddur::messaging {

namespace {
// Fixed forever: changing it would split every existing conversation in two.
constexpr std::string_view kDirectConversationNamespace = "6f0f3a64-5a3c-4c2e-9d7e-2f1d6a0c9b11";
}

std::string direct_conversation_id(std::string_view a, std::string_view b) {
  if (b < a) std::swap(a, b);
  std::string name;
  name.append(a).append(":").append(b);
  return uuid::name_based_v5(kDirectConversationNamespace, name);
}

}  // namespace cruddur::messaging

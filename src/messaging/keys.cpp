#include "messaging/keys.hpp"

namespace cruddur::messaging::keys {

using store::AttributeValue;

namespace {
std::string concat(std::string_view a, std::string_view b) {
  std::string s;
  s.reserve(a.size() + b.size());
  s.append(a).append(b);
  return s;
}
store::Item key(std::string pk, std::string sk) {
  return {{"pk", AttributeValue::S(std::move(pk))}, {"sk", AttributeValue::S(std::move(sk))}};
}
}  // namespace

store::TableSchema table_schema(std::string table_name) {
  return {std::move(table_name),
          {"pk", "sk"},
          {{std::string(kGroupIndex), {"message_group_uuid", "sk"}},
           {std::string(kActivityIndex), {"owner_uuid", "activity"}}}};
}

store::Item conversation_row_key(std::string_view owner_uuid, std::string_view group_uuid) {
  return key(concat("GRP#", owner_uuid), std::string(group_uuid));
}

std::string message_partition(std::string_view group_uuid) { return concat("MSG#", group_uuid); }

store::Item message_key(std::string_view group_uuid, std::string_view created_at, std::string_view message_uuid) {
  return key(message_partition(group_uuid), message_sort_key(created_at, message_uuid));
}

store::Item send_intent_key(std::string_view sender_uuid, std::string_view client_message_id) {
  return key(concat("SEND#", sender_uuid), std::string(client_message_id));
}

store::Item message_id_key(std::string_view message_uuid, std::string_view group_uuid) {
  return key(concat("MID#", message_uuid), std::string(group_uuid));
}

std::string message_sort_key(std::string_view created_at, std::string_view message_uuid) {
  std::string s;
  s.reserve(created_at.size() + 1 + message_uuid.size());
  s.append(created_at).append("#").append(message_uuid);
  return s;
}

std::string activity(std::string_view created_at, std::string_view message_uuid) {
  return message_sort_key(created_at, message_uuid);
}

}  // namespace cruddur::messaging::keys

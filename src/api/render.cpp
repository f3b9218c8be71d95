#include "api/render.hpp"

#include <boost/json/serialize.hpp>

namespace cruddur::api {

boost::json::value render_user(const users::User& user) {
  return {{"uuid", user.uuid}, {"handle", user.handle}, {"display_name", user.display_name}};
}

boost::json::value render_conversation(const messaging::ConversationSummary& s) {
  return {{"uuid", s.message_group_uuid},
          {"display_name", s.other_display_name},
          {"handle", s.other_handle},
          {"message", s.last_message},
          {"created_at", s.last_message_at}};
}

boost::json::value render_message(const messaging::Message& m) {
  return {{"uuid", m.uuid},
          {"display_name", m.sender_display_name},
          {"handle", m.sender_handle},
          {"message", m.text},
          {"created_at", m.created_at}};
}

boost::json::value render_sent_message(const messaging::Message& m) {
  boost::json::value v = render_message(m);
  v.as_object()["message_group_uuid"] = m.message_group_uuid;
  return v;
}

Response json_reply(const boost::json::value& body, int status) {
  Response response;
  response.status = status;
  response.body = boost::json::serialize(body);
  return response;
}

}  // namespace cruddur::api

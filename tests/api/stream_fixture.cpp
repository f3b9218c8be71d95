#include "stream_fixture.hpp"

#include <stdexcept>

namespace cruddur::testing {

TestServer& stream_server() {
  static TestServer server({"--send-rate", "0", "--stream-replay-events", std::to_string(kReplayWindow),
                            "--allowed-origin", kAllowedOrigin});
  return server;
}

std::string stream_ticket(HttpClient& client, const Person& person) {
  Reply reply = client.post("/api/stream/ticket", "", person.auth());
  if (reply.status != 200) throw std::runtime_error("ticket: " + std::to_string(reply.status) + " " + reply.body);
  return std::string(reply.json().at("ticket").as_string());
}

std::unique_ptr<WebSocketClient> connect_stream(uint16_t port, const std::string& ticket,
                                                const std::optional<std::string>& since,
                                                WebSocketClient::Options options) {
  std::string target = "/api/stream?ticket=" + ticket;
  if (since) target += "&since=" + *since;  // tokens are URL-safe (base64url, digits, '.')
  return std::make_unique<WebSocketClient>(port, target, std::move(options));
}

std::unique_ptr<WebSocketClient> open_stream(HttpClient& client, uint16_t port, const Person& person,
                                             const std::optional<std::string>& since, boost::json::object* hello,
                                             WebSocketClient::Options options) {
  auto ws = connect_stream(port, stream_ticket(client, person), since, std::move(options));
  if (ws->status() != 101) throw std::runtime_error("stream refused: " + std::to_string(ws->status()) + " " + ws->body());
  auto first = ws->read_json().as_object();
  if (first.at("type").as_string() != "hello") throw std::runtime_error("first frame is not hello: " + boost::json::serialize(first));
  if (hello) *hello = std::move(first);
  return ws;
}

boost::json::object next_frame(WebSocketClient& ws, std::string_view type) {
  for (;;) {
    auto frame = ws.read_json().as_object();
    std::string_view seen = frame.at("type").as_string();
    if (seen == type) return frame;
    if (seen == "group.updated" || seen == "group.read" || seen == "message.created") continue;
    return frame;  // a frame the test did not expect: the caller's type check fails on it
  }
}

std::string next_message_text(WebSocketClient& ws) {
  auto frame = next_frame(ws, "message.created");
  if (frame.at("type").as_string() != "message.created") return "<" + std::string(frame.at("type").as_string()) + ">";
  return std::string(frame.at("message").at("message").as_string());
}

std::string open_conversation(HttpClient& client, const Person& a, const Person& b, const std::string& text) {
  Reply reply = send_to_handle(client, a, b.handle, text);
  if (reply.status != 200) throw std::runtime_error("send: " + std::to_string(reply.status) + " " + reply.body);
  return std::string(reply.json().at("message_group_uuid").as_string());
}

}  // namespace cruddur::testing

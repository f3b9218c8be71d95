#pragma once
// Helpers for the stream's black-box tests (stream_*_test.cpp): tickets, opening streams, reading frames.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api_fixture.hpp"
#include "support/websocket_client.hpp"

namespace cruddur::testing {

// The server the stream tests share: no send rate limit, a replay window of kReplayWindow events per user
// (so "past the window" is cheap to reach) and one extra allowed origin.
inline constexpr int kReplayWindow = 20;
inline constexpr const char* kAllowedOrigin = "http://app.example.test";
TestServer& stream_server();

// POST /api/stream/ticket as `person` (asserting 200): the ticket.
std::string stream_ticket(HttpClient& client, const Person& person);

// GET /api/stream?ticket=...[&since=...] on `port`, whatever the answer (see WebSocketClient::status).
std::unique_ptr<WebSocketClient> connect_stream(uint16_t port, const std::string& ticket,
                                                const std::optional<std::string>& since = std::nullopt,
                                                WebSocketClient::Options options = {});

// A stream of `person` that upgraded and said hello; `hello` receives the hello frame.
std::unique_ptr<WebSocketClient> open_stream(HttpClient& client, uint16_t port, const Person& person,
                                             const std::optional<std::string>& since = std::nullopt,
                                             boost::json::object* hello = nullptr,
                                             WebSocketClient::Options options = {});

// The next frame whose "type" is `type`, skipping frames of other event types (group.updated, group.read)
// but never a resync, hello, error or typing frame (those fail the test through the returned type).
boost::json::object next_frame(WebSocketClient& ws, std::string_view type);

// The text of the next message.created frame's message (skipping other events); "<type>" of any other
// frame that comes first (hello, resync, error, typing), so that an assertion on the text fails readably.
std::string next_message_text(WebSocketClient& ws);

// The conversation A opened by sending to B (asserting 200): its uuid.
std::string open_conversation(HttpClient& client, const Person& a, const Person& b, const std::string& text);

class StreamTest : public ::testing::Test {
 protected:
  StreamTest() : client(stream_server().port()) {}
  uint16_t port() const { return stream_server().port(); }
  HttpClient client;
};

}  // namespace cruddur::testing

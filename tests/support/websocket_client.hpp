#pragma once
// A small synchronous WebSocket client for tests (Beast inside websocket_client.cpp only).
//
// The constructor connects and does the handshake; a refused upgrade is not an error: status() then says
// what the server answered (401, 403, 503...) and body() carries its JSON. Frames are read in the
// background of each call: one read stays outstanding between calls (never cancelled, so the stream stays
// usable after a wait that saw nothing), and what arrives is kept in order. Reading starts with the first
// call that reads, so a client that never reads is a stalled reader.
// Every wait is bounded; none asserts a duration. Not thread-safe: one client per thread.

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace cruddur::testing {

class WebSocketClient {
 public:
  struct Options {
    std::map<std::string, std::string> headers;  // extra handshake headers (Origin, ...)
    int receive_buffer = 0;                      // SO_RCVBUF before connecting (0: the system's)
    std::chrono::milliseconds timeout{15000};    // bound of every wait
  };

  WebSocketClient(uint16_t port, const std::string& target, Options options);
  WebSocketClient(uint16_t port, const std::string& target) : WebSocketClient(port, target, Options{}) {}
  ~WebSocketClient();
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  int status() const;              // 101 when upgraded, else the HTTP status of the refusal
  const std::string& body() const; // the refusal's body

  // The next text frame as JSON, waiting up to the timeout; throws std::runtime_error when none comes
  // (the connection closed, or the wait ran out).
  boost::json::value read_json();
  // The next frame if one arrives within `wait`, else nullopt (also when the connection closed).
  std::optional<std::string> read_within(std::chrono::milliseconds wait);

  void send_text(const std::string& text);
  void send_binary(const std::string& bytes);

  // Waits (reading and discarding frames) until the server closes; the close code it sent, or -1 when
  // the connection ended without a close frame, or the wait ran out. `frames_seen` counts the frames.
  int wait_for_close(std::size_t* frames_seen = nullptr);
  bool closed() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cruddur::testing

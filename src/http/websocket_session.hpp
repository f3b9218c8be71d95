#pragma once
// The live stream's WebSocket (internal to src/http; includes Beast, so only session.cpp and
// websocket_session.cpp include it). The HTTP session hands an upgrade request for /api/stream over to
// serve_stream() right after reading its header; the protocol's decisions are api::StreamEndpoint's.
//
// Per socket (doc/stream.md): before the upgrade 401/403/503 as StreamEndpoint decides; then one
// outstanding write behind a bounded queue (256 frames or 1 MiB; typing dropped at half full; full:
// close 4008 "slow consumer"), client frames up to 4 KiB (over: close 1009; binary: close 1003), a ping
// after 30 s of silence and a close after 60 s, stop() of the server: close 1001.

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>

namespace cruddur::api {
class StreamEndpoint;
}

namespace cruddur::http {

using StreamRequest = boost::beast::http::request<boost::beast::http::string_body>;

// How the server's stop() reaches a connection that became a WebSocket. Both live in the HTTP session's
// state and are touched on the connection's strand only.
struct StopHook {
  const bool& stopping;             // stop() has been asked (before the hand-off, too)
  std::function<void()>& on_stop;   // what stop() calls from now on; set by serve_stream while it runs
};

// True for GET /api/stream with Upgrade: websocket (any query).
bool is_stream_upgrade(const StreamRequest& request);

// Serves the stream until either side closes it. `stream`'s executor is the connection's strand; the
// coroutine runs there. `request` is the upgrade request whose header has been read (it has no body).
boost::asio::awaitable<void> serve_stream(api::StreamEndpoint& endpoint, boost::beast::tcp_stream stream,
                                          StreamRequest request, StopHook stop);

}  // namespace cruddur::http

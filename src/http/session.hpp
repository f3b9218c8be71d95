#pragma once
// One HTTP/1.1 connection (internal to src/http). Beast lives in session.cpp only.
//
// A session reads one request at a time (pipelined requests wait in its buffer), awaits the dispatcher,
// and writes the reply before reading the next, so there is never more than one write outstanding.
// Reading a request, its limits and framing rules (431, 413, 400, 421 ..., each closing the connection):
// request_reader.hpp. Timeouts: header_timeout from the first byte of a request to its last header (and
// for the first request's first byte), idle_timeout between requests, for the body and for each write. A
// timeout closes the connection without a reply. Every reply carries security_headers.hpp's headers.

#include "http/request_trace.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>

namespace cruddur::api {
class StreamEndpoint;
}

namespace cruddur::http {

class ConnectionSet;
class Dispatcher;
class HostPolicy;

struct SessionSettings {
  size_t body_limit;
  size_t header_limit;
  std::chrono::seconds header_timeout;
  std::chrono::seconds idle_timeout;
};

// Everything a session uses; owned by the Server and outliving every session.
struct SessionEnvironment {
  const Dispatcher* dispatcher;
  ConnectionSet* connections;
  const HostPolicy* hosts;  // which Host values are answered (421 otherwise)
  SessionSettings settings;
  RequestObserver on_request;  // told about every exchange once its reply was written; may be empty
  api::StreamEndpoint* stream = nullptr;  // GET /api/stream upgrades go to it (websocket_session.hpp); null: none
};

// Serves `socket` until either side closes it. Preconditions: the socket's executor is a strand of its own
// (all of the session's work runs there, handlers included), and the connection was admitted with
// `env.connections->try_open()`; the session releases it when it ends, also if it never gets to run.
void start_session(boost::asio::ip::tcp::socket socket, const SessionEnvironment& env);

}  // namespace cruddur::http

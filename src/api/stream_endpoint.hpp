#pragma once
// The stream's protocol decisions, transport-free (doc/stream.md): who may open a stream (Origin, ticket,
// socket limits), the frames that open it, and what a client frame does. src/http's WebSocket session does
// the wire (handshake, queues, close codes) and asks this class everything else.
//
// Thread-safety: every member may be called from any thread at once. The Hub, TicketStore,
// MessagingService, Clock and the backplane (if any) must outlive it.

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "api/exchange.hpp"
#include "core/clock.hpp"
#include "core/expiring_cache.hpp"
#include "live/hub.hpp"
#include "live/redis_backplane.hpp"
#include "live/tickets.hpp"
#include "messaging/messaging_service.hpp"
#include "users/user.hpp"

namespace cruddur::api {

// What the upgrade request says, as far as the stream cares.
struct StreamHandshake {
  std::map<std::string, std::string> query;  // decoded: ticket, since
  std::optional<std::string> origin;         // the Origin header; absent for non-browser clients
  std::string host;                          // the Host header
};

// An admitted client: the ticket's holder and where their stream resumes.
struct StreamClient {
  std::string user_uuid;
  std::string handle;
  std::optional<std::string> since;
};

// An opened stream: its id in the Hub and the frames to send first (hello, then resync or the replay).
struct StreamOpening {
  std::uint64_t id = 0;
  std::vector<live::Frame> frames;
};

class StreamEndpoint {
 public:
  static constexpr Microseconds kTypingInterval = 2 * kMicrosPerSecond;  // per conversation per user

  // `allowed_origins`: origins besides the server's own (--allowed-origin), e.g. "https://app.example".
  // `backplane`: live delivery across instances through Redis (--redis-url); null: this process only.
  StreamEndpoint(live::Hub& hub, live::TicketStore& tickets, messaging::MessagingService& messaging,
                 const Clock& clock, std::vector<std::string> allowed_origins,
                 live::RedisBackplane* backplane = nullptr);

  // POST /api/stream/ticket for `me`: 200 {"ticket","expires_in"}; 503 when too many are outstanding.
  Response issue_ticket(const users::User& me);

  // Before the upgrade: the client, or the reply refusing it: 403 origin_not_allowed (an Origin that is
  // neither the server's own, i.e. http(s)://<Host>, nor allowed), 401 ticket_invalid (missing, unknown,
  // used or expired; the ticket is used up by this call).
  std::variant<StreamClient, Response> admit(const StreamHandshake& handshake);

  // Registers `subscriber` for the client's events; or 503 too_many_streams (8 per user, --max-sockets).
  // With a backplane it reads the replay from Redis (suspends for at most one bounded round trip); frames
  // delivered meanwhile reach the subscriber after the opening's frames are queued (see Subscriber).
  boost::asio::awaitable<std::variant<StreamOpening, Response>> open(const StreamClient& client,
                                                                     std::shared_ptr<live::Subscriber> subscriber);
  void close(const StreamClient& client, std::uint64_t id);

  // A text frame from the client: the frame to answer on the same socket, if any. Typing about a
  // conversation the client is a member of goes to the other member (at most once per kTypingInterval);
  // anything else about a conversation is dropped without a word, so a stranger learns nothing.
  boost::asio::awaitable<std::optional<std::string>> on_text(const StreamClient& client, std::string text);

  live::Stats& stats() { return hub_.stats(); }
  bool origin_allowed(const std::optional<std::string>& origin, const std::string& host) const;

 private:
  boost::asio::awaitable<void> relay_typing(const StreamClient& client, std::string group);

  live::Hub& hub_;
  live::RedisBackplane* backplane_;  // null: this process only
  live::TicketStore& tickets_;
  messaging::MessagingService& messaging_;
  std::vector<std::string> allowed_origins_;  // normalised: lowercase, no trailing '/'
  ExpiringCache<bool> recent_typing_;          // key: user uuid + conversation uuid
};

}  // namespace cruddur::api

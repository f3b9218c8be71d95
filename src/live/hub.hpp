#pragma once
// Who is connected, in this process: per user, a replay log (UserLog) and the open streams (Subscriber).
// publish() logs an event for one user and fans its frame out to that user's streams; subscribe() opens a
// stream at a position (`since`), returning the frames it missed or telling it to resync.
//
// Positions ("since" tokens) are opaque to clients: "<epoch>.<seq>". The epoch is random per Hub, so a
// token from another process or from before a restart never matches and gets resync; seq comes from one
// counter, so each user's positions increase. doc/stream.md describes the protocol around it.
//
// Bounded: each user keeps the last `replay_events` events; a user with no open stream is forgotten
// `idle_ttl` after their last event; all logs together hold at most `log_bytes` of frame text (over it,
// whole logs of the users with the oldest activity are dropped, which makes their next resume a resync:
// never a silent gap). Streams: `sockets_per_user` per user, `max_sockets` in all.
//
// Thread-safety: every member may be called from any thread. Users are spread over shards, one mutex
// each, held while a frame is logged and handed to subscribers (Subscriber::deliver never blocks).
// Rendering happens under that lock too, so that a user's positions and frames are in the same order.
//
// Across instances (Redis, later): the Hub stays the local fan-out; a backplane would replace the seq
// counter and the logs with a capped stream per user and call the fan-out for events from elsewhere.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "live/frame.hpp"
#include "live/stats.hpp"
#include "live/user_log.hpp"

namespace cruddur::live {

struct HubLimits {
  std::size_t replay_events = 1000;                 // per user (--stream-replay-events)
  Microseconds idle_ttl = 10 * 60 * kMicrosPerSecond;  // a user without streams is kept this long
  std::size_t log_bytes = 256u << 20;               // all users' logged frame text together
  std::size_t sockets_per_user = 8;
  std::size_t max_sockets = 10'000;                 // --max-sockets
};

// Renders an event's frame given its position token (the frame carries it as "since").
using RenderFrame = std::function<std::string(std::string_view since)>;

class Hub {
 public:
  Hub(const Clock& clock, HubLimits limits);

  struct Subscription {
    enum class Outcome { opened, user_full, server_full };
    Outcome outcome = Outcome::opened;
    std::uint64_t id = 0;            // for unsubscribe (opened only)
    std::string start;               // the stream's position: events after it follow (hello's "since")
    bool resync = false;             // `since` was given and cannot be resumed gap-free
    std::vector<Frame> replay;       // the events after `since`, oldest first (when resumed)
  };

  // Opens a stream for `user` starting after `since` (absent: from now). The subscriber receives every
  // later event of the user through deliver(); the caller sends `replay` first (see Subscriber). The Hub
  // keeps only a weak reference: the caller keeps the subscriber alive until it unsubscribes.
  Subscription subscribe(const std::string& user, const std::optional<std::string>& since,
                         std::shared_ptr<Subscriber> subscriber);
  // Ends a stream opened by subscribe (harmless twice).
  void unsubscribe(const std::string& user, std::uint64_t id);

  // Logs an event for `user` and delivers it to their streams.
  void publish(const std::string& user, const RenderFrame& render);
  // Delivers a frame to `user`'s streams without logging it (typing).
  void publish_transient(const std::string& user, const Frame& frame);

  Stats& stats() { return stats_; }
  const HubLimits& limits() const { return limits_; }

 private:
  struct UserState {
    explicit UserState(std::uint64_t start, Microseconds now) : log(start), last_activity(now) {}
    UserLog log;
    Microseconds last_activity;
    // Weak: a stream owns itself (its coroutine) and unsubscribes when it ends; the Hub must not keep one
    // alive past its io_context (a stream cut off by a forced stop never gets to unsubscribe).
    std::vector<std::pair<std::uint64_t, std::weak_ptr<Subscriber>>> subscribers;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, UserState> users;
    std::size_t bytes = 0;              // sum of users' log bytes
    std::size_t publishes_since_sweep = 0;
  };
  static constexpr std::size_t kShards = 16;

  Shard& shard_for(const std::string& user);
  UserState& state_for(Shard& shard, const std::string& user, Microseconds now);  // shard locked
  void trim(Shard& shard, Microseconds now);                                    // shard locked
  std::string token(std::uint64_t seq) const;
  std::optional<std::uint64_t> parse_token(std::string_view token) const;  // nullopt: not one of ours
  bool reserve_socket();

  const Clock& clock_;
  const HubLimits limits_;
  const std::string epoch_;
  Stats stats_;
  std::atomic<std::uint64_t> sequence_{0};
  std::atomic<std::uint64_t> next_subscriber_{1};
  std::atomic<std::size_t> sockets_{0};
  std::array<Shard, kShards> shards_;
};

}  // namespace cruddur::live

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
// Across instances (live/redis_backplane.hpp): the Hub stays the local fan-out. The backplane keeps the
// logs in Redis and hands every instance's events to deliver_remote(); a stream it opens is registered
// "held" (subscribe_held) while its replay is read from Redis, then release()d at the replay's end, so an
// event is either replayed or delivered live, never both, never neither. While Redis is unreachable the
// backplane falls back to publish() and subscribe() here (one process, in-process positions).

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/mutex.hpp"
#include "live/frame.hpp"
#include "live/remote_position.hpp"
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

  // --- For the Redis backplane (positions are Redis stream ids; see remote_position.hpp) ---

  // Like subscribe() without `since`, but the stream is held: frames from deliver_remote() wait (at most
  // kHeldFrames; more are dropped and release() reports it) until release(). `start` is left empty.
  Subscription subscribe_held(const std::string& user, std::shared_ptr<Subscriber> subscriber);
  // Ends the hold: delivers the held frames after `after` (all of them when nullopt) and from now on drops
  // remote frames at or before `after`. False when held frames were dropped (the stream must resync).
  bool release(const std::string& user, std::uint64_t id, std::optional<RemotePosition> after);
  // An event from the backplane at `position`: delivered to `user`'s streams here (not logged here).
  void deliver_remote(const std::string& user, RemotePosition position, const Frame& frame);
  // Every open stream of this instance gets `frame` (a resync: events may have been missed).
  void deliver_to_all(const Frame& frame);
  // The in-process position of `user`'s log head (what subscribe() without `since` would say).
  std::string local_position(const std::string& user);

  static constexpr std::size_t kHeldFrames = 1024;

  Stats& stats() { return stats_; }
  const HubLimits& limits() const { return limits_; }

 private:
  struct UserState {
    explicit UserState(std::uint64_t start, Microseconds now) : log(start), last_activity(now) {}
    UserLog log;
    Microseconds last_activity;
    struct Entry {
      std::uint64_t id;
      // Weak: a stream owns itself (its coroutine) and unsubscribes when it ends; the Hub must not keep one
      // alive past its io_context (a stream cut off by a forced stop never gets to unsubscribe).
      std::weak_ptr<Subscriber> subscriber;
      bool held = false;                                       // subscribe_held until release
      bool held_overflow = false;                              // held frames were dropped
      std::vector<std::pair<RemotePosition, Frame>> held_frames;
      std::optional<RemotePosition> floor;                     // remote frames at or below it were replayed
    };
    std::vector<Entry> subscribers;
  };
  struct Shard {
    Mutex mutex;
    std::unordered_map<std::string, UserState> users CRUDDUR_GUARDED_BY(mutex);
    std::size_t bytes CRUDDUR_GUARDED_BY(mutex) = 0;  // sum of users' log bytes
    std::size_t publishes_since_sweep CRUDDUR_GUARDED_BY(mutex) = 0;
  };
  static constexpr std::size_t kShards = 16;

  Shard& shard_for(const std::string& user);
  UserState& state_for(Shard& shard, const std::string& user, Microseconds now) CRUDDUR_REQUIRES(shard.mutex);
  void trim(Shard& shard, Microseconds now) CRUDDUR_REQUIRES(shard.mutex);
  std::string token(std::uint64_t seq) const;
  std::optional<std::uint64_t> parse_token(std::string_view token) const;  // nullopt: not one of ours
  bool reserve_socket();
  // Checks the limits and registers `subscriber` (shard locked); fills outcome and id.
  bool add_subscriber(UserState& state, std::shared_ptr<Subscriber> subscriber, bool held, Microseconds now,
                      Subscription& result);

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

#pragma once
// Counters of the live layer, for /metrics (wired at integration). Plain atomics: every member may be
// read and bumped from any thread; increments are relaxed (counters, not synchronisation). Owned by the
// Hub; everything that touches a stream bumps them (the hub, the stream endpoint, the WebSocket sessions).

#include <atomic>
#include <cstdint>

namespace cruddur::live {

struct Stats {
  using Counter = std::atomic<std::uint64_t>;

  // Sockets.
  Counter open_sockets{0};              // gauge: WebSocket streams registered right now
  Counter sockets_opened{0};            // streams that got past the upgrade checks
  Counter sockets_refused_limit{0};     // 503 before the upgrade: over 8 per user or --max-sockets
  Counter tickets_issued{0};
  Counter tickets_rejected{0};          // 401 before the upgrade: missing, unknown, used or expired ticket
  Counter origins_rejected{0};          // 403 before the upgrade: Origin not allowed

  // Events and frames.
  Counter events_logged{0};             // events appended to a user's replay log (one per recipient)
  Counter deliveries{0};                // frames handed to a socket's queue (events, replay, typing, control)
  Counter typing_relayed{0};            // typing frames accepted and fanned out to the other member

  // Drops, by reason.
  Counter drops_typing_backlog{0};      // typing frame not queued: its socket's queue was half full
  Counter drops_typing_rate{0};         // typing over 1 per 2 s per conversation per user
  Counter drops_typing_not_member{0};   // typing about a conversation the sender is not a member of
  Counter drops_slow_consumer{0};       // sockets closed with 4008 (their queued frames are dropped)
  Counter drops_log_evicted{0};         // logged events dropped early by the log's memory budget

  // Client frames that were refused.
  Counter client_malformed_json{0};     // answered {"type":"error","error":"malformed_json"}
  Counter client_binary{0};             // closed 1003
  Counter client_too_big{0};            // closed 1009

  // Resumes (a stream opened with ?since=).
  Counter resume_replayed{0};           // every later event was still in the log and was replayed
  Counter resume_resync{0};             // the log could not prove there was no gap: {"type":"resync"}

  // Across instances (--redis-url; live/redis_backplane.hpp).
  Counter redis_connected{0};           // gauge: 1 while both Redis connections are up
  Counter redis_reconnects{0};          // connections (re)established after the first
  Counter redis_publishes{0};           // events written to a Redis log and published
  Counter redis_publish_failures{0};    // events delivered on this instance only (Redis down, slow or queue full)
  Counter redis_events_received{0};     // events received from Redis (of every instance, this one included)
  Counter redis_resyncs{0};             // times every stream here was told to resync (Redis lost or back)
};

inline void bump(Stats::Counter& counter, std::uint64_t n = 1) { counter.fetch_add(n, std::memory_order_relaxed); }
inline void drop(Stats::Counter& counter) { counter.fetch_sub(1, std::memory_order_relaxed); }

}  // namespace cruddur::live

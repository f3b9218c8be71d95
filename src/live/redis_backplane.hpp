#pragma once
// Live delivery across instances through Redis (doc/stream.md, "Across instances").
//
// Every event is written by one Lua script (atomic: XADD to the recipient's capped log stream, EXPIRE, PUBLISH
// on one channel), so a user's events are published in the order of their log ids on every instance. Each
// instance SUBSCRIBEs to that channel and hands what arrives to its Hub's local fan-out (deliver_remote),
// with `since` = "r.<entry id>". A stream opened with ?since= reads its replay from the log (another script:
// the entries after `since`, when `since` is still in the log), so it resumes on any instance.
//
// Redis down, slow (a round trip over `command_timeout`) or the queue full: the event is delivered by this
// instance's Hub alone (in-process positions), never failing or delaying the send or read that caused it;
// the log says so once per outage; every stream here gets {"type":"resync"} when Redis is lost and again
// when it is back; and once Redis takes commands again every instance is told to resync its streams (an
// event delivered here alone was missed elsewhere). Reconnects by itself with backoff.
//
// Threading: one thread of its own runs both Redis connections (commands, pub/sub). publish(),
// publish_transient() and subscribe() may be called from any thread / executor and never block (subscribe()
// suspends its caller for at most one round trip). The Hub must outlive it.

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "live/frame.hpp"
#include "live/hub.hpp"

namespace cruddur::live {

struct BackplaneOptions {
  std::string url;                                    // redis://HOST[:PORT][/DB] (--redis-url, REDIS_URL)
  std::string prefix = "cruddur:";                    // keys "<prefix>log:<user>", channel "<prefix>events"
  std::chrono::milliseconds command_timeout{200};     // a batch of commands slower than this: Redis is down
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds reconnect_min{100};       // backoff between attempts, doubling up to the max
  std::chrono::milliseconds reconnect_max{2000};
  std::size_t max_queued = 10'000;                    // commands waiting for Redis; more: delivered here only
  std::size_t batch = 64;                             // commands pipelined in one round trip
  int log_ttl_seconds = 600;                          // a user's log expires this long after its last use
};

class RedisBackplane {
 public:
  // Starts the thread and connects in the background (until connected, everything is delivered locally).
  // `resync_frame` is the frame streams get when events may have been missed. Throws std::invalid_argument
  // for a malformed url.
  RedisBackplane(Hub& hub, BackplaneOptions options, Frame resync_frame);
  ~RedisBackplane();  // stop()
  RedisBackplane(const RedisBackplane&) = delete;
  RedisBackplane& operator=(const RedisBackplane&) = delete;

  // Logs an event for `user` in Redis and publishes it to every instance (or delivers it here alone).
  void publish(const std::string& user, const RenderFrame& render);
  // A frame for `user`'s streams on every instance, not logged (typing).
  void publish_transient(const std::string& user, const Frame& frame);

  // Opens a stream of `user` as Hub::subscribe does, with positions and replay from Redis (in-process ones
  // while Redis is down). Close it with Hub::unsubscribe.
  boost::asio::awaitable<Hub::Subscription> subscribe(const std::string& user, const std::optional<std::string>& since,
                                                      std::shared_ptr<Subscriber> subscriber);

  bool connected() const;

  // Stops the thread and drops what is queued; from then on everything is delivered locally. Call it
  // before the executors of the streams go away (the server's io_context): a stream whose open is pending
  // is destroyed here. Idempotent; not concurrently with itself.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cruddur::live

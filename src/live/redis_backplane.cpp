#include "live/redis_backplane.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "core/mutex.hpp"
#include "live/frame_template.hpp"
#include "live/redis_scripts.hpp"
#include "live/redis_wire.hpp"
#include "live/remote_position.hpp"
#include "redis/connection.hpp"

namespace cruddur::live {

namespace asio = boost::asio;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// A command for the command connection and what to do with its reply (on the backplane thread; nullptr when
// the command failed: Redis down, slow, or the connection broke before its reply).
struct Job {
  redis::Command command;
  std::function<void(const redis::Reply*)> done;
};

std::string describe(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
  }
  return "connection ended";
}

}  // namespace

struct RedisBackplane::Impl {
  Impl(Hub& hub, BackplaneOptions options, Frame resync)
      : hub(hub),
        options(std::move(options)),
        endpoint(redis::parse_url(this->options.url)),
        resync_frame(std::move(resync)),
        channel(this->options.prefix + "events"),
        max_entries(std::to_string(hub.limits().replay_events)),
        ttl(std::to_string(this->options.log_ttl_seconds)) {}

  std::string log_key(const std::string& user) const { return options.prefix + "log:" + user; }

  // --- any thread ---

  // Queues `job` for the command connection: false (job untouched) when Redis is down or the queue is full.
  bool enqueue(Job& job) {
    if (!up.load()) return false;
    {
      MutexLock lock(mutex);
      // Checked again under the mutex: became_down() clears `up` under it before it fails the queue, so a
      // job is never left behind in a queue nobody serves (a stream open would wait for the next connection).
      if (!up.load() || jobs.size() >= options.max_queued) return false;
      jobs.push_back(std::move(job));
      if (wake_pending) return true;
      wake_pending = true;
      // Under the mutex: stop() takes it before it destroys the context.
      asio::post(*context, [this] { wake->cancel(); });
    }
    return true;
  }

  // An event this instance delivers alone: other instances' streams miss it, so they are told to resync
  // once Redis takes commands again.
  void deliver_here_only(const std::string& user, const std::string& frame_template) {
    bump(hub.stats().redis_publish_failures);
    lost.store(true);
    hub.publish(user, [&](std::string_view since) { return complete_frame(frame_template, since); });
  }

  // Runs `command` on the command connection, from a coroutine on any executor: its reply, or nullopt.
  asio::awaitable<std::optional<redis::Reply>> call(redis::Command command) {
    return asio::async_initiate<const asio::use_awaitable_t<>&, void(std::optional<redis::Reply>)>(
        [this](auto handler, redis::Command command) {
          auto shared = std::make_shared<decltype(handler)>(std::move(handler));
          Job job{std::move(command), [shared](const redis::Reply* reply) {
                    std::optional<redis::Reply> result;
                    if (reply) result = *reply;
                    auto executor = asio::get_associated_executor(*shared);
                    asio::post(executor, [shared, result = std::move(result)]() mutable {
                      std::move (*shared)(std::move(result));
                    });
                  }};
          if (!enqueue(job)) job.done(nullptr);
        },
        asio::use_awaitable, std::move(command));
  }

  // --- the backplane thread ---

  asio::awaitable<void> run() {
    auto executor = co_await asio::this_coro::executor;
    auto backoff = options.reconnect_min;
    while (!stopping.load()) {
      std::string failure;
      {
        redis::Connection commands(executor), events(executor);
        try {
          co_await commands.connect(endpoint, options.connect_timeout);
          co_await events.connect(endpoint, options.connect_timeout);
          std::vector<redis::Command> subscribe{redis::Command{"SUBSCRIBE", channel}};
          auto confirmed = co_await events.exec(subscribe, options.command_timeout);
          if (!confirmed.at(0).is_array()) throw std::runtime_error("SUBSCRIBE: " + confirmed[0].str);
          became_up();
          backoff = options.reconnect_min;
          // Both loops run until either fails; then both connections close and the other ends too.
          bool broken = false;
          int running = 2;
          asio::steady_timer both_ended(executor, asio::steady_timer::time_point::max());
          auto ended = [&](std::exception_ptr error) {
            if (!broken) failure = describe(error);
            broken = true;
            commands.close();
            events.close();
            wake->cancel();
            if (--running == 0) both_ended.cancel();
          };
          asio::co_spawn(executor, command_loop(commands, broken), ended);
          asio::co_spawn(executor, event_loop(events), ended);
          while (running > 0) {
            both_ended.expires_at(asio::steady_timer::time_point::max());
            co_await both_ended.async_wait(use_tuple);
          }
        } catch (const std::exception& e) {
          failure = e.what();
        }
      }
      became_down(failure);
      if (stopping.load()) break;
      asio::steady_timer pause(executor, backoff);
      co_await pause.async_wait(use_tuple);
      backoff = std::min(backoff * 2, options.reconnect_max);
    }
  }

  void became_up() {
    {
      MutexLock lock(mutex);  // stop() clears `up` under it
      if (stopping.load()) return;
      up.store(true);
    }
    hub.stats().redis_connected.store(1);
    spdlog::info("redis: connected to {}:{}; live events go through it", endpoint.host, endpoint.port);
    warned = false;
    if (ever_up) {
      // Events of other instances published while we were away were missed here.
      bump(hub.stats().redis_reconnects);
      resync_all();
    }
    ever_up = true;
  }

  void became_down(const std::string& failure) {
    bool was_up = false;
    std::deque<Job> failed;
    {
      MutexLock lock(mutex);
      was_up = up.exchange(false);
      failed.swap(jobs);
      wake_pending = false;
    }
    hub.stats().redis_connected.store(0);
    for (auto& job : failed) job.done(nullptr);
    if (stopping.load()) return;
    if (!warned) {  // once per outage
      spdlog::warn("redis: {}:{} unreachable ({}); delivering on this instance only, reconnecting", endpoint.host,
                   endpoint.port, failure);
      warned = true;
    }
    if (was_up) resync_all();  // events of other instances will be missed until we are back
  }

  void resync_all() {
    bump(hub.stats().redis_resyncs);
    hub.deliver_to_all(resync_frame);
  }

  asio::awaitable<void> command_loop(redis::Connection& connection, const bool& broken) {
    for (;;) {
      if (broken) co_return;
      std::vector<Job> batch;
      {
        MutexLock lock(mutex);
        while (!jobs.empty() && batch.size() < options.batch) {
          batch.push_back(std::move(jobs.front()));
          jobs.pop_front();
        }
        if (batch.empty()) wake_pending = false;
      }
      if (lost.exchange(false)) {  // tell every instance: events were delivered by one instance only
        batch.insert(batch.begin(), Job{{"PUBLISH", channel, std::string(redis_wire::kResyncAllMessage)}, [this](const redis::Reply* reply) {
                                          if (!reply || reply->is_error()) lost.store(true);
                                        }});
      }
      if (batch.empty()) {
        wake->expires_at(asio::steady_timer::time_point::max());
        co_await wake->async_wait(use_tuple);
        continue;
      }
      std::vector<redis::Command> commands;
      commands.reserve(batch.size());
      for (auto& job : batch) commands.push_back(std::move(job.command));
      std::vector<redis::Reply> replies;
      try {
        replies = co_await connection.exec(commands, options.command_timeout);
      } catch (...) {
        for (auto& job : batch) job.done(nullptr);
        throw;
      }
      for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(&replies[i]);
    }
  }

  asio::awaitable<void> event_loop(redis::Connection& connection) {
    for (;;) {
      redis::Reply reply = co_await connection.receive();
      // ["message", channel, payload]
      if (!reply.is_array() || reply.elements.size() != 3 || reply.elements[0].str != "message") continue;
      on_message(reply.elements[2].str);
    }
  }

  void on_message(std::string_view payload) {
    auto message = redis_wire::parse_channel_message(payload);
    if (!message) return;
    switch (message->kind) {
      case redis_wire::ChannelMessage::Kind::event:
        bump(hub.stats().redis_events_received);
        hub.deliver_remote(message->user, message->position, message->frame);
        break;
      case redis_wire::ChannelMessage::Kind::typing:
        hub.publish_transient(message->user, message->frame);
        break;
      case redis_wire::ChannelMessage::Kind::resync_all:
        resync_all();
        break;
    }
  }

  Hub& hub;
  const BackplaneOptions options;
  const redis::Endpoint endpoint;
  const Frame resync_frame;
  const std::string channel;
  const std::string max_entries;
  const std::string ttl;

  // Optional so that stop() can destroy them (the timer first) while the callers' executors still exist:
  // a pending job may hold a stream's coroutine, whose frame must go before its io_context does.
  std::optional<asio::io_context> context{std::in_place, 1};
  std::optional<asio::steady_timer> wake{std::in_place, *context};  // the command loop waits on it for jobs

  std::atomic<bool> up{false};        // both connections are up: commands are accepted
  std::atomic<bool> stopping{false};
  std::atomic<bool> lost{false};      // an event was delivered by this instance alone since the last resync-all

  Mutex mutex;
  std::deque<Job> jobs CRUDDUR_GUARDED_BY(mutex);
  // A wake-up is posted or the loop is busy: no need to post another.
  bool wake_pending CRUDDUR_GUARDED_BY(mutex) = false;

  bool warned = false;                // backplane thread: the outage was logged
  bool ever_up = false;               // backplane thread
  std::thread thread;
};

RedisBackplane::RedisBackplane(Hub& hub, BackplaneOptions options, Frame resync_frame)
    : impl_(std::make_unique<Impl>(hub, std::move(options), std::move(resync_frame))) {
  Impl& d = *impl_;
  asio::co_spawn(*d.context, d.run(), [](std::exception_ptr error) {
    if (error) spdlog::error("redis: the backplane stopped: {}", describe(error));
  });
  d.thread = std::thread([&d] { d.context->run(); });
}

RedisBackplane::~RedisBackplane() { stop(); }

void RedisBackplane::stop() {
  Impl& d = *impl_;
  {
    MutexLock lock(d.mutex);
    if (d.stopping.exchange(true)) return;
    d.up.store(false);  // under the mutex: nothing is queued from now on
  }
  d.context->stop();
  if (d.thread.joinable()) d.thread.join();
  // Dropped, not completed: their callers' executors are stopping too. Destroying a pending stream open
  // destroys that stream's coroutine, which is why this must happen before the HTTP server goes away.
  // Taken out under the mutex (nothing is queued any more, but the analysis cannot know), destroyed outside.
  std::deque<Job> dropped;
  {
    MutexLock lock(d.mutex);
    dropped.swap(d.jobs);
  }
  dropped.clear();
  d.wake.reset();
  d.context.reset();  // the backplane's own coroutines (and a batch in flight) with it
}

bool RedisBackplane::connected() const { return impl_->up.load(); }

void RedisBackplane::publish(const std::string& user, const RenderFrame& render) {
  Impl& d = *impl_;
  std::string frame_template = render_template(render);
  Job job{{"EVAL", redis_scripts::kPublish, "1", d.log_key(user), d.max_entries, d.ttl, d.channel, user, frame_template},
          [&d, user, frame_template](const redis::Reply* reply) {
            if (reply && !reply->is_error()) {
              bump(d.hub.stats().redis_publishes);
              return;
            }
            if (reply && !d.warned) {  // once per outage, like an unreachable Redis
              spdlog::warn("redis: publish refused ({}); delivering on this instance only", reply->str);
              d.warned = true;
            }
            d.deliver_here_only(user, frame_template);
          }};
  if (!d.enqueue(job)) d.deliver_here_only(user, frame_template);
}

void RedisBackplane::publish_transient(const std::string& user, const Frame& frame) {
  Impl& d = *impl_;
  Job job{{"PUBLISH", d.channel, redis_wire::typing_message(user, *frame)}, [&d, user, frame](const redis::Reply* reply) {
            if (!reply || reply->is_error()) d.hub.publish_transient(user, frame);
          }};
  if (!d.enqueue(job)) d.hub.publish_transient(user, frame);
}

asio::awaitable<Hub::Subscription> RedisBackplane::subscribe(const std::string& user,
                                                            const std::optional<std::string>& since,
                                                            std::shared_ptr<Subscriber> subscriber) {
  Impl& d = *impl_;
  Stats& stats = d.hub.stats();
  if (!d.up.load()) co_return d.hub.subscribe(user, since, std::move(subscriber));  // a "r." since resyncs

  // Held first, then the log is read: an event is either in the replay (at or before head) or arrives
  // through the channel after head. release() keeps exactly the latter.
  Hub::Subscription result = d.hub.subscribe_held(user, std::move(subscriber));
  if (result.outcome != Hub::Subscription::Outcome::opened) co_return result;
  std::optional<std::string> since_id;
  if (since) since_id = stream_id_of_token(*since);
  redis::Command open{"EVAL", redis_scripts::kOpen, "1", d.log_key(user), d.max_entries, d.ttl, since_id.value_or("")};
  auto reply = co_await d.call(std::move(open));
  std::optional<redis_wire::Opened> opened;
  if (reply) opened = redis_wire::parse_opened(*reply);
  if (!opened) {  // Redis failed just now: an in-process start; a given `since` cannot be proven
    if (reply && reply->is_error()) spdlog::debug("redis: opening a stream: {}", reply->str);
    result.start = d.hub.local_position(user);
    d.hub.release(user, result.id, std::nullopt);
    result.resync = since.has_value();
    if (result.resync) bump(stats.resume_resync);
    co_return result;
  }
  result.start = token_of_stream_id(opened->head);
  if (since) {
    if (since_id && opened->ok) {
      result.start = *since;
      result.replay = std::move(opened->replay);
      bump(stats.resume_replayed);
    } else {
      result.resync = true;
      bump(stats.resume_resync);
    }
  }
  if (!d.hub.release(user, result.id, parse_stream_id(opened->head))) {
    // More events arrived during the round trip than a held stream keeps: the ones dropped are missed.
    result.start = token_of_stream_id(opened->head);
    result.replay.clear();
    if (!result.resync) bump(stats.resume_resync);
    result.resync = true;
  }
  co_return result;
}

}  // namespace cruddur::live

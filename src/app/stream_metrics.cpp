#include "app/stream_metrics.hpp"

#include <atomic>
#include <cstdint>

namespace cruddur::app {

namespace {

std::uint64_t read(const live::Stats::Counter& counter) { return counter.load(std::memory_order_relaxed); }

}  // namespace

void add_stream_collector(metrics::Registry& registry, const live::Stats& stats) {
  registry.add_collector([&stats](metrics::TextWriter& out) {
    using metrics::Type;
    out.family("cruddur_stream_sockets", Type::gauge, "Live-stream WebSockets open right now.");
    out.sample(read(stats.open_sockets));
    out.family("cruddur_stream_sockets_opened_total", Type::counter, "Live-stream WebSockets opened.");
    out.sample(read(stats.sockets_opened));
    out.family("cruddur_stream_upgrades_refused_total", Type::counter,
               "Stream upgrades refused before the handshake, by reason.");
    out.sample(read(stats.sockets_refused_limit), {{"reason", "too_many_streams"}});
    out.sample(read(stats.tickets_rejected), {{"reason", "ticket_invalid"}});
    out.sample(read(stats.origins_rejected), {{"reason", "origin_not_allowed"}});
    out.family("cruddur_stream_tickets_issued_total", Type::counter, "Stream tickets issued.");
    out.sample(read(stats.tickets_issued));
    out.family("cruddur_stream_events_logged_total", Type::counter,
               "Events appended to a person's replay log (one per recipient).");
    out.sample(read(stats.events_logged));
    out.family("cruddur_stream_deliveries_total", Type::counter,
               "Frames handed to a socket's queue (events, replays, typing, control).");
    out.sample(read(stats.deliveries));
    out.family("cruddur_stream_typing_relayed_total", Type::counter, "Typing frames relayed to the other member.");
    out.sample(read(stats.typing_relayed));
    out.family("cruddur_stream_drops_total", Type::counter, "Frames or sockets dropped, by reason.");
    out.sample(read(stats.drops_typing_backlog), {{"reason", "typing_backlog"}});
    out.sample(read(stats.drops_typing_rate), {{"reason", "typing_rate"}});
    out.sample(read(stats.drops_typing_not_member), {{"reason", "typing_not_member"}});
    out.sample(read(stats.drops_slow_consumer), {{"reason", "slow_consumer"}});
    out.sample(read(stats.drops_log_evicted), {{"reason", "log_evicted"}});
    out.family("cruddur_stream_client_frames_refused_total", Type::counter, "Client frames refused, by reason.");
    out.sample(read(stats.client_malformed_json), {{"reason", "malformed_json"}});
    out.sample(read(stats.client_binary), {{"reason", "binary"}});
    out.sample(read(stats.client_too_big), {{"reason", "too_big"}});
    out.family("cruddur_stream_resumes_total", Type::counter, "Streams opened with ?since=, by outcome.");
    out.sample(read(stats.resume_replayed), {{"outcome", "replayed"}});
    out.sample(read(stats.resume_resync), {{"outcome", "resync"}});
    out.family("cruddur_redis_connected", Type::gauge, "1 while both Redis connections are up (--redis-url).");
    out.sample(read(stats.redis_connected));
    out.family("cruddur_redis_reconnects_total", Type::counter, "Redis connections re-established.");
    out.sample(read(stats.redis_reconnects));
    out.family("cruddur_redis_publishes_total", Type::counter, "Events written to a Redis log and published.");
    out.sample(read(stats.redis_publishes));
    out.family("cruddur_redis_publish_failures_total", Type::counter,
               "Events delivered on this instance only (Redis down, slow or its queue full).");
    out.sample(read(stats.redis_publish_failures));
    out.family("cruddur_redis_events_received_total", Type::counter, "Events received from Redis.");
    out.sample(read(stats.redis_events_received));
    out.family("cruddur_redis_resyncs_total", Type::counter, "Times every stream here was told to resync.");
    out.sample(read(stats.redis_resyncs));
  });
}

}  // namespace cruddur::app

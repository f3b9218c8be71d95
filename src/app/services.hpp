#pragma once
// The object graph of a running process: storage engine, user directory, sign-in, the messaging domain and
// the API's limits, built from a Config. Owns everything it hands out; references stay valid for its life.
//
// Thread-safety: construct and destroy on one thread; the parts are safe to use from any thread.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <memory>

#include "api/api_context.hpp"
#include "app/config.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"

namespace cruddur::live {
struct Stats;
}

namespace cruddur::app {

class Services {
 public:
  explicit Services(const Config& config);
  ~Services();

  store::Table& table();
  users::Directory& users();
  messaging::MessagingService& messaging();
  api::ApiContext& api_context();
  api::StreamEndpoint& stream();   // the live stream's endpoint (tickets, WebSockets)
  live::Stats& stream_stats();     // its counters (for /metrics)
  const Clock& clock() const;
  const Config& config() const;
  // Everything the process exposes at --metrics-listen (doc/observability.md). Components add their
  // families or a collector here (metrics::Registry::add_collector). With --metrics-listen unset the storage
  // engine and the user directory are not instrumented at all.
  metrics::Registry& metrics();

  // Stops live delivery through Redis (if configured): call it once the HTTP server has stopped and before
  // it is destroyed (a stream still opening holds on to the server's io_context).
  void stop_live();

  // Creates the messages table (if missing) and the user schema (migrations). Harmless when they exist.
  boost::asio::awaitable<void> schema_load();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace cruddur::app

#pragma once
// `--metrics-listen HOST:PORT`: GET /metrics (Prometheus text format, doc/observability.md) on a listener of
// its own, never on the public port. An http::Server with that one route, on one io thread of its own, so a
// scrape is answered even while the public io threads are saturated (and never counts as a request there).
// Binds in the constructor (throws as http::Server does: address in use, unresolvable host).
// Thread-safety: construct and destroy on one thread. Destruction stops the listener and joins its thread.

#include <cstdint>
#include <memory>
#include <thread>

#include "app/config.hpp"
#include "core/metrics.hpp"

namespace cruddur::http {
class Server;
}

namespace cruddur::app {

class MetricsEndpoint {
 public:
  // `registry` must outlive this object.
  MetricsEndpoint(const Config& config, metrics::Registry& registry);
  ~MetricsEndpoint();
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  std::uint16_t port() const;

 private:
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

}  // namespace cruddur::app

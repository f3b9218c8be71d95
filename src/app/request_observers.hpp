#pragma once
// What `serve` does with each finished exchange (http::RequestObserver): its request log line, and with
// --metrics-listen its request metrics; plus the server's connection gauges at scrape time.
// Thread-safety: record() may run on any number of threads at once.

#include <optional>
#include <vector>

#include "api/exchange.hpp"
#include "app/config.hpp"
#include "app/request_log.hpp"
#include "core/metrics.hpp"
#include "http/request_metrics.hpp"

namespace cruddur::http {
class Server;
}

namespace cruddur::app {

class RequestObservers {
 public:
  // `routes`: the table the server is given. `registry` must outlive this object.
  RequestObservers(const Config& config, metrics::Registry& registry, const std::vector<api::Route>& routes);

  void record(const http::CompletedRequest& request) {
    log_.record(request);
    if (metrics_) metrics_->record(request);
  }

 private:
  RequestLog log_;
  std::optional<http::RequestMetrics> metrics_;
};

// cruddur_http_connections (open now) and cruddur_http_connections_refused_total (over the limit), read
// from `server` at scrape time: `server` must outlive every render() of `registry`.
void add_server_collector(metrics::Registry& registry, const http::Server& server);

}  // namespace cruddur::app

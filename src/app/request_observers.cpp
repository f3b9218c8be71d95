#include "app/request_observers.hpp"

#include "http/server.hpp"

namespace cruddur::app {

RequestObservers::RequestObservers(const Config& config, metrics::Registry& registry,
                                   const std::vector<api::Route>& routes)
    : log_(config.log_format == "json") {
  if (!config.metrics_listen.empty()) metrics_.emplace(registry, routes);
}

void add_server_collector(metrics::Registry& registry, const http::Server& server) {
  registry.add_collector([&server](metrics::TextWriter& out) {
    auto stats = server.connection_stats();
    out.family("cruddur_http_connections", metrics::Type::gauge, "Open HTTP connections on the public listener.");
    out.sample(stats.open);
    out.family("cruddur_http_connections_refused_total", metrics::Type::counter,
               "Connections refused (503) because the connection limit was reached.");
    out.sample(stats.refused);
  });
}

}  // namespace cruddur::app

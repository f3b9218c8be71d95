#include "app/metrics_endpoint.hpp"

#include <spdlog/spdlog.h>

#include "http/server.hpp"

namespace cruddur::app {

namespace {

// Scrapers are few: a small connection cap, short timeouts, a quick stop.
constexpr std::size_t kMaxScrapeConnections = 32;

std::vector<api::Route> metrics_routes(metrics::Registry& registry) {
  std::vector<api::Route> routes;
  routes.push_back({"GET", "/metrics", [&registry](api::Request) -> boost::asio::awaitable<api::Response> {
                      api::Response response;
                      response.body = registry.render();
                      response.content_type = std::string(metrics::Registry::kContentType);
                      co_return response;
                    }});
  return routes;
}

}  // namespace

MetricsEndpoint::MetricsEndpoint(const Config& config, metrics::Registry& registry) {
  http::ServerOptions options;
  options.host = config.metrics_host();
  options.port = config.metrics_port();
  options.threads = 1;
  options.max_connections = kMaxScrapeConnections;
  options.header_timeout = std::chrono::seconds(5);
  options.idle_timeout = std::chrono::seconds(30);
  options.shutdown_grace = std::chrono::seconds(1);
  server_ = std::make_unique<http::Server>(std::move(options), metrics_routes(registry));
  thread_ = std::thread([server = server_.get()] { server->run(); });
}

MetricsEndpoint::~MetricsEndpoint() {
  server_->stop();
  thread_.join();
}

std::uint16_t MetricsEndpoint::port() const { return server_->port(); }

}  // namespace cruddur::app

// `cruddur serve`: the HTTP service until SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "app/commands.hpp"
#include "app/demo_seed.hpp"
#include "app/engines.hpp"
#include "app/metrics_endpoint.hpp"
#include "app/process_metrics.hpp"
#include "app/request_observers.hpp"
#include "app/stream_metrics.hpp"
#include "auth/cognito/cognito_settings.hpp"
#include "app/services.hpp"
#include "core/run_sync.hpp"
#include "http/server.hpp"
#include "net/http_client.hpp"
#include "http/static_files.hpp"
#include "store/store_error.hpp"

namespace cruddur::app {

namespace {

// The web app to serve: --web-root, else web/dist under the working directory when it was built.
std::optional<std::string> web_root(const Config& config) {
  if (!config.web_root.empty()) return config.web_root;
  if (std::filesystem::exists("web/dist/index.html")) return std::string("web/dist");
  return std::nullopt;
}

// Blocks SIGINT/SIGTERM in this thread and every thread started after it; a dedicated thread waits for them.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// How long a starting server waits for its storage engine to answer.
constexpr std::chrono::seconds kStartupWait{30};

// Storage that does not answer yet at start (a container starting beside it, DynamoDB Local's JVM warming up
// on a busy machine) is waited for: the schema load is retried every 250 ms while the engine is unavailable,
// for up to kStartupWait, saying so once in the log. SIGINT/SIGTERM during the wait stop the server: returns
// false. Any other error, and unavailability past the wait, propagate (the server exits with the message).
bool load_schema_waiting(Services& services, const sigset_t& stop_signals) {
  const auto deadline = std::chrono::steady_clock::now() + kStartupWait;
  bool said = false;
  for (;;) {
    try {
      run_sync(services.schema_load());
      if (said) spdlog::info("storage answers: starting");
      return true;
    } catch (const store::StoreError& e) {
      bool transient = e.kind() == store::StoreError::Kind::unavailable ||
                       e.kind() == store::StoreError::Kind::throttled;
      if (!transient || std::chrono::steady_clock::now() >= deadline) throw;
      if (!said) spdlog::warn("storage does not answer yet ({}); retrying for up to {} s", e.what(), kStartupWait.count());
      said = true;
    }
    timespec pause{0, 250'000'000};
    if (sigtimedwait(&stop_signals, nullptr, &pause) > 0) return false;
  }
}

}  // namespace

int serve(const Config& config) {
  sigset_t stop_signals = block_stop_signals();  // before any thread exists
  Services services(config);
  if (!load_schema_waiting(services, stop_signals)) return 0;

  if (config.demo) {
    auto existing = run_sync(services.users().list_users());
    if (existing.empty()) {
      auto report = run_sync(seed_demo(services.table(), config.table_name, services.users(), services.clock().now()));
      spdlog::info("demo data: {} users, {} messages", report.users_created, report.messages);
    } else {
      spdlog::info("demo data: the store already has users; not seeding");
    }
  }

  http::ServerOptions options;
  options.host = config.host();
  options.port = config.port();
  options.threads = config.threads;
  options.web_root = web_root(config);
  options.allowed_hosts = config.allowed_hosts;
  options.stream = &services.stream();
  // A stream stays one of the server's connections after its upgrade, so the server admits both budgets.
  options.max_connections = static_cast<std::size_t>(config.max_connections) + static_cast<std::size_t>(config.max_sockets);
  // The web app signs in against the Cognito endpoint itself (InitiateAuth): its CSP must allow that origin.
  if (config.auth == "cognito")
    options.extra_connect_src.push_back(http::origin_of(cognito_settings(config).api_endpoint()));
  auto routes = api::make_routes(services.api_context());
  RequestObservers observers(config, services.metrics(), routes);
  options.on_request = [&observers](const http::CompletedRequest& request) { observers.record(request); };
  http::Server server(options, std::move(routes));
  net::run_requests_in_place(server.context());  // DynamoDB and Cognito calls without a thread hand-off
  std::unique_ptr<MetricsEndpoint> metrics_endpoint;  // after `server`: stops first, and its collector reads `server`
  if (!config.metrics_listen.empty()) {
    add_server_collector(services.metrics(), server);
    add_process_collector(services.metrics());
    add_stream_collector(services.metrics(), services.stream_stats());
    metrics_endpoint = std::make_unique<MetricsEndpoint>(config, services.metrics());
  }

  std::thread signal_waiter([&server, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    spdlog::info("signal {}: stopping", signal);
    server.stop();
  });

  std::printf("Cruddur Messaging listening on http://%s:%u/\n", options.host.c_str(), unsigned(server.port()));
  if (metrics_endpoint)
    std::printf("Metrics on http://%s:%u/metrics\n", config.metrics_host().c_str(), unsigned(metrics_endpoint->port()));
  if (config.demo)
    std::printf("Demo users: andrewbrown, bayko, londo; password: %s\n", kDemoPassword);
  std::fflush(stdout);
  server.run();
  services.stop_live();  // before `server` (and its io_context) goes

  // run() returned because of stop() (from the signal thread) : wake the waiter if it is still waiting.
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  return 0;
}

}  // namespace cruddur::app

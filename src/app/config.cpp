#include "app/config.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace cruddur::app {

namespace {

// HOST:PORT of `flag` (the last colon splits, so "[::1]:80" keeps its brackets for the resolver to refuse).
std::string host_of(const std::string& text, const char* flag) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw std::invalid_argument(std::string(flag) + " must be HOST:PORT, got '" + text + "'");
  return text.substr(0, colon);
}

std::uint16_t port_of(const std::string& text, const char* flag) {
  auto colon = text.rfind(':');
  std::string_view digits = colon == std::string::npos ? std::string_view{} : std::string_view(text).substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || value > 65535)
    throw std::invalid_argument(std::string(flag) + " must be HOST:PORT, got '" + text + "'");
  return static_cast<std::uint16_t>(value);
}

}  // namespace

std::string Config::host() const { return host_of(listen, "--listen"); }
std::uint16_t Config::port() const { return port_of(listen, "--listen"); }
std::string Config::metrics_host() const { return host_of(metrics_listen, "--metrics-listen"); }
std::uint16_t Config::metrics_port() const { return port_of(metrics_listen, "--metrics-listen"); }

bool Config::use_dynamodb() const {
  if (store == "dynamodb") return true;
  if (store == "sqlite") return false;
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
  };
  return set("AWS_ENDPOINT_URL_DYNAMODB") || set("AWS_ENDPOINT_URL");
}

}  // namespace cruddur::app

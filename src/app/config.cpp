#include "app/config.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace cruddur::app {

std::string Config::host() const {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::invalid_argument("--listen must be HOST:PORT, got '" + listen + "'");
  return listen.substr(0, colon);
}

std::uint16_t Config::port() const {
  auto colon = listen.rfind(':');
  std::string_view text = colon == std::string::npos ? std::string_view{} : std::string_view(listen).substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > 65535)
    throw std::invalid_argument("--listen must be HOST:PORT, got '" + listen + "'");
  return static_cast<std::uint16_t>(value);
}

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

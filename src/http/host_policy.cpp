#include "http/host_policy.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace cruddur::http {

namespace asio = boost::asio;

namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// An IPv4-mapped IPv6 address (a dual-stack socket's view of an IPv4 peer) as the IPv4 address it maps.
asio::ip::address unmapped(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address;
}

}  // namespace

std::optional<HostPolicy::HostName> HostPolicy::parse(std::string_view text) {
  HostName host;
  std::string_view port_text;
  bool has_port = false;
  if (text.starts_with('[')) {
    auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    boost::system::error_code ec;
    auto v6 = asio::ip::make_address_v6(std::string(text.substr(1, close - 1)), ec);
    if (ec) return std::nullopt;
    host.address = unmapped(v6);
    host.name = host.address->to_string();
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      has_port = true;
      port_text = rest.substr(1);
    }
  } else {
    auto colon = text.find(':');
    std::string_view name = text.substr(0, colon);
    if (colon != std::string_view::npos) {
      has_port = true;
      port_text = text.substr(colon + 1);
    }
    if (name.empty() || !std::all_of(name.begin(), name.end(), name_char)) return std::nullopt;
    host.name = lower(name);
    boost::system::error_code ec;
    auto v4 = asio::ip::make_address_v4(host.name, ec);
    if (!ec) host.address = v4;
  }
  // URI syntax allows an empty port ("host:"), which means the default one: treated as not written.
  if (has_port && !port_text.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || value > 65535) return std::nullopt;
    host.port = static_cast<uint16_t>(value);
  }
  return host;
}

bool HostPolicy::same_name(const HostName& a, const HostName& b) {
  if (a.address && b.address) return *a.address == *b.address;
  return !a.address && !b.address && a.name == b.name;
}

HostPolicy::HostPolicy(std::string_view listen_host, uint16_t port, const std::vector<std::string>& allowed)
    : port_(port) {
  listen_name_ = parse(listen_host);
  if (!listen_name_) listen_name_ = parse("[" + std::string(listen_host) + "]");  // "::1" as configured
  if (listen_name_ && listen_name_->address && listen_name_->address->is_unspecified()) listen_name_.reset();
  for (const auto& entry : allowed) {
    if (entry == "*") {
      allow_any_ = true;
      continue;
    }
    auto host = parse(entry);
    if (!host) throw std::invalid_argument("--allowed-host: not a host name or host:port: '" + entry + "'");
    allowed_.push_back(std::move(*host));
  }
}

bool HostPolicy::names_this_server(const HostName& host, const asio::ip::address& local) const {
  uint16_t port = host.port.value_or(80);
  if (port != port_) return false;
  auto here = unmapped(local);
  if (host.address && *host.address == here) return true;
  if (host.name == "localhost" && here.is_loopback()) return true;
  return listen_name_ && same_name(host, *listen_name_);
}

HostPolicy::Verdict HostPolicy::check(std::string_view text, const asio::ip::address& local) const {
  auto host = parse(text);
  if (!host) return Verdict::malformed;
  if (allow_any_ || names_this_server(*host, local)) return Verdict::allowed;
  for (const auto& entry : allowed_) {
    if (same_name(*host, entry) && (!entry.port || entry.port == host->port)) return Verdict::allowed;
  }
  return Verdict::misdirected;
}

}  // namespace cruddur::http

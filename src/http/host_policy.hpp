#pragma once
// Which `Host` header values this server answers: the defence against DNS rebinding, where a page on
// attacker.example resolves its own name to 127.0.0.1 and then calls the sign-in routes as "same origin".
// Beast-free.
//
// A Host value is `name[:port]`: a DNS name, an IPv4 address or a bracketed IPv6 address ("[::1]"), with an
// optional decimal port. It is accepted when any of these holds:
//   - the allowed list holds "*";
//   - it names this server: the address the connection arrived on (the socket's local address, so with
//     --listen 0.0.0.0 any of the machine's addresses), `localhost` when that address is a loopback one, or
//     the configured listen host itself (--listen chat.internal:4567) -- and its port is the bound port
//     (an omitted port means 80);
//   - it matches an allowed entry: "name" matches that name with any port or none (a proxy in front decides
//     the public port), "name:port" only with exactly that port written.
// Names compare case-insensitively; addresses compare as addresses ("[0::1]" is "[::1]").
// Immutable after construction; safe to share between threads.

#include <boost/asio/ip/address.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cruddur::http {

class HostPolicy {
 public:
  enum class Verdict { allowed, misdirected, malformed };

  // `listen_host` as configured ("127.0.0.1", "0.0.0.0", "::", "localhost", a name), `port` the bound port,
  // `allowed` the --allowed-host entries. Throws std::invalid_argument for an entry that is neither "*"
  // nor a valid Host value.
  HostPolicy(std::string_view listen_host, uint16_t port, const std::vector<std::string>& allowed);

  // `host` is the Host header's value; `local` the address the connection arrived on.
  Verdict check(std::string_view host, const boost::asio::ip::address& local) const;

 private:
  struct HostName {
    std::string name;                              // lower-cased; an IPv6 address without brackets
    std::optional<boost::asio::ip::address> address;  // when `name` is an IP address
    std::optional<uint16_t> port;                  // nullopt when not written
  };
  static std::optional<HostName> parse(std::string_view text);
  static bool same_name(const HostName& a, const HostName& b);
  bool names_this_server(const HostName& host, const boost::asio::ip::address& local) const;

  std::optional<HostName> listen_name_;  // the listen host, unless it is a wildcard address
  uint16_t port_;
  bool allow_any_ = false;
  std::vector<HostName> allowed_;
};

}  // namespace cruddur::http

#include "api/auth_throttle.hpp"

#include <boost/asio/ip/address.hpp>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace cruddur::api {

namespace {

// As the directory compares logins: trimmed, ASCII case-folded.
std::string login_key(std::string_view login) {
  std::string key(utf8::trim(login));
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

}  // namespace

std::string address_key(std::string_view address) {
  boost::system::error_code ec;
  auto parsed = boost::asio::ip::make_address(std::string(address), ec);
  if (ec) return std::string(address);
  if (parsed.is_v4()) return parsed.to_string();
  auto v6 = parsed.to_v6();
  if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  for (std::size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

AuthThrottle::AuthThrottle(const Clock& clock, double attempts_per_address_per_minute, int free_failures_per_login)
    : logins_(clock, BackoffPolicy{free_failures_per_login, kFirstBackoff, kMaxBackoff, kForgetFailuresAfter, kCapacity}),
      addresses_(clock, attempts_per_address_per_minute / 60.0, attempts_per_address_per_minute, kCapacity) {}

void AuthThrottle::admit(const std::string& address, std::initializer_list<std::string_view> logins) {
  for (std::string_view login : logins) {
    if (login.empty()) continue;
    if (Microseconds wait = logins_.wait(login_key(login)); wait > 0) throw Error::too_many_requests(retry_after(wait));
  }
  if (Microseconds wait = addresses_.acquire(address_key(address)); wait > 0)
    throw Error::too_many_requests(retry_after(wait));
}

void AuthThrottle::failed(std::string_view login) { logins_.record_failure(login_key(login)); }

void AuthThrottle::succeeded(std::string_view login) { logins_.record_success(login_key(login)); }

}  // namespace cruddur::api

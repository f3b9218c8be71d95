#include "aws/sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <stdexcept>

namespace cruddur::aws::sigv4 {
namespace {

std::array<unsigned char, 32> hmac_sha256(const unsigned char* key, std::size_t key_size, std::string_view data) {
  std::array<unsigned char, 32> out{};
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), key, static_cast<int>(key_size), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), out.data(), &length) || length != out.size()) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return out;
}

std::array<unsigned char, 32> hmac_sha256(const std::array<unsigned char, 32>& key, std::string_view data) {
  return hmac_sha256(key.data(), key.size(), data);
}

bool unreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string uri_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string trim_and_collapse(std::string_view v) {
  std::string out;
  bool in_space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) out += ' ';
    in_space = false;
    out += c;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0xf];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr)) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex(digest, length);
}

std::string amz_date(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[17];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

std::string uri_encode(std::string_view s, bool keep_slash) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (unreserved(c) || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 0xf];
    }
  }
  return out;
}

std::string canonical_path(std::string_view path) {
  // Normalise (RFC 3986 dot segments, empty segments dropped), then encode each segment once.
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    std::string_view segment = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.emplace_back(segment);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  bool trailing_slash = path.size() > 1 && path.back() == '/' && !segments.empty();
  std::string out;
  for (const auto& segment : segments) out += "/" + uri_encode(uri_decode(segment), false);
  if (out.empty() || trailing_slash) out += "/";
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t start = 0;
  while (start < query.size()) {
    auto amp = query.find('&', start);
    std::string_view pair = query.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      std::string key = uri_encode(uri_decode(pair.substr(0, eq)), false);
      std::string value = eq == std::string_view::npos ? "" : uri_encode(uri_decode(pair.substr(eq + 1)), false);
      params.emplace_back(std::move(key), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += '&';
    out += key + "=" + value;
  }
  return out;
}

std::pair<std::string, std::string> canonical_headers(const std::vector<std::pair<std::string, std::string>>& headers) {
  std::map<std::string, std::string> joined;  // sorted by lower-case name
  for (const auto& [name, value] : headers) {
    auto [it, inserted] = joined.try_emplace(lower(name), trim_and_collapse(value));
    if (!inserted) it->second += "," + trim_and_collapse(value);
  }
  std::string block;
  std::string names;
  for (const auto& [name, value] : joined) {
    block += name + ":" + value + "\n";
    if (!names.empty()) names += ';';
    names += name;
  }
  return {block, names};
}

std::string canonical_request(const Request& request) {
  auto [header_block, signed_names] = canonical_headers(request.headers);
  return request.method + "\n" + canonical_path(request.path) + "\n" + canonical_query(request.query) + "\n" +
         header_block + "\n" + signed_names + "\n" + request.payload_sha256;
}

std::string string_to_sign(std::string_view amz_date, const Scope& scope, std::string_view canonical_request) {
  return "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope.str() + "\n" + sha256_hex(canonical_request);
}

std::array<unsigned char, 32> signing_key(std::string_view secret_access_key, const Scope& scope) {
  std::string secret = "AWS4" + std::string(secret_access_key);
  auto k_date = hmac_sha256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), scope.date);
  auto k_region = hmac_sha256(k_date, scope.region);
  auto k_service = hmac_sha256(k_region, scope.service);
  return hmac_sha256(k_service, "aws4_request");
}

std::string signature(const std::array<unsigned char, 32>& key, std::string_view string_to_sign) {
  auto mac = hmac_sha256(key, string_to_sign);
  return hex(mac.data(), mac.size());
}

std::string authorization(const Request& request, const Credentials& credentials, std::string_view amz_date,
                          std::string_view region, std::string_view service) {
  if (amz_date.size() < 8) throw std::invalid_argument("bad X-Amz-Date value");
  Scope scope{std::string(amz_date.substr(0, 8)), std::string(region), std::string(service)};
  std::string creq = canonical_request(request);
  std::string sts = string_to_sign(amz_date, scope, creq);
  std::string sig = signature(signing_key(credentials.secret_access_key, scope), sts);
  return "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope.str() +
         ", SignedHeaders=" + canonical_headers(request.headers).second + ", Signature=" + sig;
}

}  // namespace cruddur::aws::sigv4

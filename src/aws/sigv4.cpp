#include "aws/sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <stdexcept>

#include "aws/hmac_sha256.hpp"

namespace cruddur::aws::sigv4 {
namespace {

std::array<unsigned char, 32> hmac_sha256(const std::array<unsigned char, 32>& key, std::string_view data) {
  return aws::hmac_sha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), data);
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

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string trim_and_collapse(std::string_view v) {
  // Most values have nothing to trim or collapse: copied as they are.
  bool clean = v.empty() || (!is_blank(v.front()) && !is_blank(v.back()));
  for (std::size_t i = 0; clean && i < v.size(); ++i) {
    if (v[i] == '\t' || (v[i] == ' ' && i + 1 < v.size() && v[i + 1] == ' ')) clean = false;
  }
  if (clean) return std::string(v);
  std::string out;
  out.reserve(v.size());
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
  std::string out(size * 2, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 0xf];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  const Sha256Digest digest = sha256(data);
  return hex(digest.data(), digest.size());
}

std::string amz_date(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  thread_local std::time_t last_seconds = -1;  // a request a second or more formats the same date again
  thread_local std::string last;
  if (seconds == last_seconds) return last;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[17];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  last_seconds = seconds;
  last = buffer;
  return last;
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
  if (path.empty() || path == "/") return "/";  // the usual case: an API endpoint's root
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
  if (query.empty()) return {};
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
  std::vector<std::pair<std::string, std::string>> lowered;  // (lower-case name, trimmed value)
  lowered.reserve(headers.size());
  std::size_t size = 0;
  for (const auto& [name, value] : headers) {
    lowered.emplace_back(lower(name), trim_and_collapse(value));
    size += name.size() + value.size() + 2;
  }
  // Stable: repeated headers keep the order they were given in.
  std::stable_sort(lowered.begin(), lowered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string block;
  std::string names;
  block.reserve(size);
  names.reserve(size);
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    const auto& [name, value] = lowered[i];
    if (i > 0 && lowered[i - 1].first == name) {
      block.back() = ',';  // joined to the previous line: replace its '\n'
    } else {
      if (!names.empty()) names += ';';
      names += name;
      block += name;
      block += ':';
    }
    block += value;
    block += '\n';
  }
  return {std::move(block), std::move(names)};
}

namespace {

// The canonical request and the signed header list, each header block computed once.
std::pair<std::string, std::string> canonical_request_and_names(const Request& request) {
  auto [header_block, signed_names] = canonical_headers(request.headers);
  std::string out;
  out.reserve(request.method.size() + header_block.size() + 2 * signed_names.size() + 128);
  out += request.method;
  out += '\n';
  out += canonical_path(request.path);
  out += '\n';
  out += canonical_query(request.query);
  out += '\n';
  out += header_block;
  out += '\n';
  out += signed_names;
  out += '\n';
  out += request.payload_sha256;
  return {std::move(out), std::move(signed_names)};
}

std::string authorization_value(std::string_view access_key_id, const Scope& scope, std::string_view signed_names,
                                std::string_view signature) {
  std::string out = "AWS4-HMAC-SHA256 Credential=";
  out.reserve(160 + access_key_id.size() + signed_names.size());
  out += access_key_id;
  out += '/';
  out += scope.str();
  out += ", SignedHeaders=";
  out += signed_names;
  out += ", Signature=";
  out += signature;
  return out;
}

}  // namespace

std::string canonical_request(const Request& request) { return canonical_request_and_names(request).first; }

std::string string_to_sign(std::string_view amz_date, const Scope& scope, std::string_view canonical_request) {
  return "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope.str() + "\n" + sha256_hex(canonical_request);
}

std::array<unsigned char, 32> signing_key(std::string_view secret_access_key, const Scope& scope) {
  std::string secret = "AWS4" + std::string(secret_access_key);
  auto k_date = aws::hmac_sha256(secret, scope.date);
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
  auto [creq, signed_names] = canonical_request_and_names(request);
  std::string sts = string_to_sign(amz_date, scope, creq);
  std::string sig = signature(signing_key(credentials.secret_access_key, scope), sts);
  return authorization_value(credentials.access_key_id, scope, signed_names, sig);
}

// ---------------------------------------------------------------- Signer

struct Signer::DatedKey {
  Scope scope;
  HmacSha256Key key;
  DatedKey(Scope s, const std::array<unsigned char, 32>& k) : scope(std::move(s)), key(k) {}
};

Signer::Signer(Credentials credentials, std::string region, std::string service)
    : credentials_(std::move(credentials)), region_(std::move(region)), service_(std::move(service)) {}

Signer::~Signer() = default;

std::shared_ptr<const Signer::DatedKey> Signer::key_for(std::string_view date) const {
  {
    MutexLock lock(mutex_);
    if (key_ && key_->scope.date == date) return key_;
  }
  Scope scope{std::string(date), region_, service_};
  auto derived = signing_key(credentials_.secret_access_key, scope);
  auto fresh = std::make_shared<const DatedKey>(std::move(scope), derived);
  MutexLock lock(mutex_);
  key_ = fresh;  // requests signed around midnight may alternate; each still gets the key of its own date
  return fresh;
}

std::string Signer::authorization(const Request& request, std::string_view amz_date) const {
  if (amz_date.size() < 8) throw std::invalid_argument("bad X-Amz-Date value");
  const auto key = key_for(amz_date.substr(0, 8));
  auto [creq, signed_names] = canonical_request_and_names(request);
  const std::string sts = string_to_sign(amz_date, key->scope, creq);
  const Sha256Digest mac = key->key.mac(sts);
  return authorization_value(credentials_.access_key_id, key->scope, signed_names, hex(mac.data(), mac.size()));
}

void Signer::sign(std::string_view method, std::string_view path, std::string_view query,
                  std::vector<std::pair<std::string, std::string>>& headers, std::string_view payload,
                  std::chrono::system_clock::time_point now) const {
  Request to_sign;
  to_sign.method = std::string(method);
  to_sign.path = std::string(path);
  to_sign.query = std::string(query);
  std::string date = amz_date(now);
  headers.emplace_back("X-Amz-Date", date);
  if (credentials_.session_token) headers.emplace_back("X-Amz-Security-Token", *credentials_.session_token);
  to_sign.headers = std::move(headers);
  to_sign.payload_sha256 = sha256_hex(payload);
  std::string value = authorization(to_sign, date);
  headers = std::move(to_sign.headers);
  headers.emplace_back("Authorization", std::move(value));
}

}  // namespace cruddur::aws::sigv4

#pragma once
// AWS Signature Version 4, written out step by step as AWS documents it, as pure functions (tested against
// the published aws-sig-v4-test-suite vectors in tests/unit/aws/sigv4_test.cpp).
//
//   canonical request -> string to sign -> signing key (secret, date, region, service) -> signature
//   -> Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...
//
// The free functions have no state and no thread affinity. A Signer signs for one set of credentials, region
// and service and keeps the signing key of the current date (the four-HMAC chain runs once a day, not once a
// request); it may be used from any number of threads at once.

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/mutex.hpp"

namespace cruddur::aws::sigv4 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::optional<std::string> session_token;  // temporary credentials; sent as X-Amz-Security-Token
};

// What gets signed. Every header listed is signed (so list exactly the headers that will be sent as
// they will be sent; it must include Host and X-Amz-Date). Names are matched case-insensitively.
struct Request {
  std::string method;
  std::string path = "/";  // as on the request line, before '?'
  std::string query;       // as on the request line, after '?' (no '?'); empty when none
  std::vector<std::pair<std::string, std::string>> headers;
  std::string payload_sha256;  // hex; see sha256_hex
};

struct Scope {
  std::string date;     // YYYYMMDD, the first 8 characters of the X-Amz-Date value
  std::string region;   // "us-east-1"
  std::string service;  // "dynamodb"
  std::string str() const { return date + "/" + region + "/" + service + "/aws4_request"; }
};

std::string sha256_hex(std::string_view data);
std::string hex(const unsigned char* data, std::size_t size);

// "20150830T123600Z" for the given time (UTC).
std::string amz_date(std::chrono::system_clock::time_point t);

// URI-encodes per SigV4: everything except A-Z a-z 0-9 - _ . ~ as %XY (upper case); '/' kept when
// `keep_slash` (paths) and encoded otherwise (query keys and values).
std::string uri_encode(std::string_view s, bool keep_slash);

std::string canonical_path(std::string_view path);    // dot segments removed, duplicate slashes merged, encoded
std::string canonical_query(std::string_view query);  // decoded, re-encoded, sorted by key then value
// Lower-cased names sorted, values trimmed with inner runs of spaces collapsed, repeated headers joined
// with ',' in the order given. Returns {canonical header block (each line ends with '\n'), signed header list}.
std::pair<std::string, std::string> canonical_headers(const std::vector<std::pair<std::string, std::string>>& headers);

std::string canonical_request(const Request& request);
std::string string_to_sign(std::string_view amz_date, const Scope& scope, std::string_view canonical_request);
std::array<unsigned char, 32> signing_key(std::string_view secret_access_key, const Scope& scope);
std::string signature(const std::array<unsigned char, 32>& key, std::string_view string_to_sign);

// The whole chain: the value of the Authorization header. `amz_date` must equal the X-Amz-Date header.
std::string authorization(const Request& request, const Credentials& credentials, std::string_view amz_date,
                          std::string_view region, std::string_view service);

class Signer {
 public:
  Signer(Credentials credentials, std::string region, std::string service);
  ~Signer();

  const Credentials& credentials() const { return credentials_; }

  // The same value as the free authorization() for these credentials, region and service.
  std::string authorization(const Request& request, std::string_view amz_date) const;

  // Signs a request about to be sent: adds X-Amz-Date (`now`), X-Amz-Security-Token when the credentials
  // have one, and Authorization to `headers`, which must already hold Host and every other header that
  // will be sent; `payload` is the body.
  void sign(std::string_view method, std::string_view path, std::string_view query,
            std::vector<std::pair<std::string, std::string>>& headers, std::string_view payload,
            std::chrono::system_clock::time_point now) const;

 private:
  struct DatedKey;
  std::shared_ptr<const DatedKey> key_for(std::string_view date) const;

  Credentials credentials_;
  std::string region_;
  std::string service_;
  mutable Mutex mutex_;
  mutable std::shared_ptr<const DatedKey> key_ CRUDDUR_GUARDED_BY(mutex_);  // the signing key of the latest date seen
};

}  // namespace cruddur::aws::sigv4

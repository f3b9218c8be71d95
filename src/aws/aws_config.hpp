#pragma once
// Where the DynamoDB engine connects and with which credentials, found the way AWS tools find them.
//
// Endpoint:    AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL, else `endpoint_url` of the profile in the
//              config file, else https://dynamodb.<region>.amazonaws.com.
// Region:      AWS_REGION, else AWS_DEFAULT_REGION, else `region` of the profile in the config file; when
//              none is set, us-east-1 for an explicit endpoint (local engines ignore it) and an error for AWS.
// Credentials: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), else the profile's
//              aws_access_key_id / aws_secret_access_key (/ aws_session_token) in the shared credentials file,
//              else in the config file. Against a local endpoint (localhost, 127.x.x.x, ::1) missing
//              credentials default to dummy ones; against anything else they are an error at start.
// Profile:     AWS_PROFILE, else "default". Files: AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials)
//              and AWS_CONFIG_FILE (default ~/.aws/config, whose sections are "[default]" and
//              "[profile NAME]").
//
// Plain values; resolve_aws_config reads files and the environment once and keeps nothing.

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "aws/sigv4.hpp"

namespace cruddur::aws {

// Configuration that cannot work (no credentials for AWS, no region, a malformed endpoint). Raised at start.
class AwsConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How long to keep trying. Throttling and 5xx answers are retried with jittered exponential backoff
// (delay drawn from [0, min(max_delay, base_delay * 2^attempt)]); transport failures (refused, timed out,
// broken) get fewer attempts so that a dead endpoint is reported quickly.
struct RetryPolicy {
  int max_attempts = 8;            // throttling / 5xx, the first attempt included
  int max_transport_attempts = 3;  // connection refused / timeouts / broken connections
  std::chrono::milliseconds base_delay{25};
  std::chrono::milliseconds max_delay{1000};
};

struct AwsConfig {
  std::string endpoint;  // http(s)://host[:port]
  std::string region = "us-east-1";
  sigv4::Credentials credentials;
  std::string credentials_source;  // for logs: "environment", "shared credentials file (profile p)", ...

  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{10000};
  // When non-zero: one call (every attempt and every backoff wait) gives up with StoreError::unavailable once
  // this has passed, and each attempt gets at most what is left. The service sets it (--storage-timeout) so
  // that an engine that stopped answering costs a client a prompt 503, not a hang; commands leave it 0.
  std::chrono::milliseconds call_timeout{0};
  RetryPolicy retry;
  // create_table / delete_table wait until the table is ACTIVE / gone, polling DescribeTable, this long at
  // most (then StoreError::unavailable).
  std::chrono::milliseconds table_wait_timeout{300000};
  std::string extra_ca_pem;  // extra trusted CA certificates (PEM), e.g. a test CA; empty: system store only
};

// Looks up an environment variable; nullopt when unset. Tests pass their own.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;
Environment process_environment();

// Resolves endpoint, region and credentials as described above. Throws AwsConfigError.
AwsConfig resolve_aws_config(const Environment& env = process_environment());

// True for endpoints on this machine (localhost, 127.0.0.0/8, ::1): dummy credentials are fine there.
bool is_local_endpoint(const std::string& endpoint);

}  // namespace cruddur::aws

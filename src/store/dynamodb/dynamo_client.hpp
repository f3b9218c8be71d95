#pragma once
// One DynamoDB JSON-protocol call: sign (SigV4), send (net::HttpClient, keep-alive), decode, and retry what
// is worth retrying (throttling and 5xx with jittered exponential backoff; refused / timed out / broken
// connections a few times), all bounded by the aws::AwsConfig's aws::RetryPolicy. Everything else becomes a typed
// StoreError (errors.hpp) at once, except a failed condition, which is a result.
//
// A write retried after a timeout or a broken connection may already have been applied: a conditional write
// then reports condition_failed on the retry. The domain's writes are idempotent by design (doc/keys.md).
//
// Thread-safety: call() may be awaited from any executor and any number of threads at once. Backoff waits
// run on the caller's executor; the network work runs on the HTTP client's own thread.

#include <boost/json/object.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/mutex.hpp"
#include "net/http_client.hpp"
#include "net/url.hpp"
#include "aws/aws_config.hpp"
#include "aws/sigv4.hpp"
#include "store/table.hpp"

namespace cruddur::store::dynamodb {

struct Reply {
  bool condition_failed = false;  // ConditionalCheckFailedException
  // The decoded answer (empty when condition_failed). Its memory comes from one monotonic arena sized to
  // the answer (freed with the object), not from an allocation per value.
  boost::json::object body;
};

// An answer before decoding: the body as received (empty when condition_failed).
struct RawReply {
  bool condition_failed = false;
  std::string body;
};

class DynamoClient {
 public:
  explicit DynamoClient(aws::AwsConfig config);

  // Sends DynamoDB_20120810.<operation> with `request` as its JSON body. Throws StoreError.
  Task<Reply> call(std::string operation, boost::json::object request);
  // The same, leaving the answer (a JSON object, not yet checked) to the caller: for answers decoded straight
  // into items (item_answer.hpp).
  Task<RawReply> call_raw(std::string operation, boost::json::object request);

  const aws::AwsConfig& config() const { return config_; }

  // HTTP requests sent so far (every attempt counts), in total and per operation.
  std::uint64_t request_count() const { return total_requests_.load(std::memory_order_relaxed); }
  std::map<std::string, std::uint64_t> request_counts() const;
  // TCP connections opened to the endpoint so far: stays flat under steady load when keep-alive works.
  std::uint64_t connections_opened() const { return http_.connections_opened(); }

 private:
  net::HttpRequest signed_request(const std::string& operation, const std::string& body) const;
  void count(const std::string& operation);

  aws::AwsConfig config_;
  net::Url endpoint_;
  std::string target_host_;  // the Host header, signed
  std::unique_ptr<aws::sigv4::Signer> signer_;  // after config_ (resolved credentials)
  net::HttpClient http_;
  std::atomic<std::uint64_t> total_requests_{0};
  mutable Mutex counts_mutex_;
  std::map<std::string, std::uint64_t> counts_ CRUDDUR_GUARDED_BY(counts_mutex_);
};

}  // namespace cruddur::store::dynamodb

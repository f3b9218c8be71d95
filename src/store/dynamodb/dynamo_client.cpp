#include "store/dynamodb/dynamo_client.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <optional>

#include "aws/backoff.hpp"
#include "store/dynamodb/errors.hpp"
#include "aws/sigv4.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {
namespace {

namespace json = boost::json;

net::HttpClientOptions http_options(const aws::AwsConfig& config) {
  net::HttpClientOptions options;
  options.connect_timeout = config.connect_timeout;
  options.request_timeout = config.request_timeout;
  options.extra_ca_pem = config.extra_ca_pem;
  options.user_agent = "cruddur-messaging dynamodb";
  return options;
}

net::Url parse_endpoint(const std::string& endpoint) {
  try {
    return net::parse_url(endpoint);
  } catch (const std::invalid_argument& e) {
    throw aws::AwsConfigError(std::string("DynamoDB endpoint: ") + e.what());
  }
}

struct ErrorAnswer {
  std::string type;
  std::string message;
};

ErrorAnswer parse_error(const std::string& body) {
  ErrorAnswer out;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    out.message = body.substr(0, 200);
    return out;
  }
  const auto& o = v.get_object();
  if (auto t = o.if_contains("__type"); t && t->is_string()) out.type = t->get_string();
  for (const char* key : {"message", "Message"}) {
    if (auto m = o.if_contains(key); m && m->is_string()) out.message = m->get_string();
  }
  return out;
}

// Parses an answer into one monotonic arena (a block about the size of the DOM it will hold): a page of
// items is hundreds of strings and objects, which would otherwise be as many allocations and frees.
json::value parse_answer(const std::string& body, boost::system::error_code& ec) {
  auto arena = json::make_shared_resource<json::monotonic_resource>(2 * body.size() + 1024);
  return json::parse(body, ec, std::move(arena));
}

bool is_transport_failure(net::HttpError::Kind kind) {
  using K = net::HttpError::Kind;
  return kind == K::resolve || kind == K::connect || kind == K::tls || kind == K::timeout || kind == K::connection;
}

}  // namespace

DynamoClient::DynamoClient(aws::AwsConfig config)
    : config_(std::move(config)), endpoint_(parse_endpoint(config_.endpoint)), http_(http_options(config_)) {
  if (config_.credentials.access_key_id.empty() || config_.credentials.secret_access_key.empty()) {
    if (!aws::is_local_endpoint(config_.endpoint)) {
      throw aws::AwsConfigError("DynamoDB at " + config_.endpoint + ": no AWS credentials");
    }
    config_.credentials = {"local", "local", std::nullopt};
  }
  target_host_ = endpoint_.host_header();
  signer_ = std::make_unique<aws::sigv4::Signer>(config_.credentials, config_.region, "dynamodb");
}

std::map<std::string, std::uint64_t> DynamoClient::request_counts() const {
  MutexLock lock(counts_mutex_);
  return counts_;
}

void DynamoClient::count(const std::string& operation) {
  total_requests_.fetch_add(1, std::memory_order_relaxed);
  MutexLock lock(counts_mutex_);
  ++counts_[operation];
}

net::HttpRequest DynamoClient::signed_request(const std::string& operation, const std::string& body) const {
  net::HttpRequest request;
  request.method = "POST";
  request.url = config_.endpoint;
  request.headers.reserve(7);
  request.headers.emplace_back("Content-Type", "application/x-amz-json-1.0");
  request.headers.emplace_back("Host", target_host_);
  request.headers.emplace_back("X-Amz-Target", "DynamoDB_20120810." + operation);
  signer_->sign("POST", endpoint_.path(), endpoint_.query(), request.headers, body, std::chrono::system_clock::now());
  request.body = body;
  return request;
}

Task<Reply> DynamoClient::call(std::string operation, json::object request) {
  auto sending = call_raw(operation, std::move(request));
  RawReply raw = co_await std::move(sending);
  if (raw.condition_failed) co_return Reply{true, {}};
  boost::system::error_code ec;
  json::value v = parse_answer(raw.body, ec);
  if (ec || !v.is_object()) throw StoreError::internal("DynamoDB " + operation + ": the answer is not a JSON object");
  co_return Reply{false, std::move(v.get_object())};
}

Task<RawReply> DynamoClient::call_raw(std::string operation, json::object request) {
  const std::string body = json::serialize(request);
  const aws::RetryPolicy& policy = config_.retry;
  const auto started = std::chrono::steady_clock::now();
  // What is left of the call's time (config_.call_timeout; nullopt: no limit).
  auto left = [&]() -> std::optional<std::chrono::milliseconds> {
    if (config_.call_timeout.count() <= 0) return std::nullopt;
    auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return config_.call_timeout - spent;
  };
  auto out_of_time = [&](const std::string& last) {
    return StoreError::unavailable("DynamoDB " + operation + " at " + config_.endpoint + ": no answer within " +
                                   std::to_string(config_.call_timeout.count()) + " ms" +
                                   (last.empty() ? "" : " (" + last + ")"));
  };
  // Waits before the next attempt, unless that wait would end past the call's time.
  auto backoff = [&](int attempt, const std::string& last) -> Task<void> {
    auto delay = aws::backoff_delay(policy, attempt);
    if (auto remaining = left(); remaining && delay >= *remaining) throw out_of_time(last);
    co_await aws::sleep_for(delay);
  };
  int transport_failures = 0;
  for (int attempt = 0;; ++attempt) {
    // Signed afresh on each attempt: the signature covers the time.
    net::HttpRequest http_request = signed_request(operation, body);
    if (auto remaining = left()) {
      if (remaining->count() <= 0) throw out_of_time("");
      http_request.timeout = *remaining;
    }
    count(operation);

    std::optional<net::HttpResponse> response;
    std::string transport_error;
    try {
      response = co_await http_.send(std::move(http_request));
    } catch (const net::HttpError& e) {
      if (!is_transport_failure(e.kind())) {
        throw StoreError::internal("DynamoDB " + operation + " at " + config_.endpoint + ": " + e.what());
      }
      transport_error = e.what();
    }

    if (!response) {
      if (++transport_failures >= policy.max_transport_attempts || attempt + 1 >= policy.max_attempts) {
        throw StoreError::unavailable("DynamoDB " + operation + " at " + config_.endpoint + ": " + transport_error +
                                      " (after " + std::to_string(attempt + 1) + " attempts)");
      }
      auto waiting = backoff(attempt, transport_error);
      co_await std::move(waiting);
      continue;
    }

    if (response->status == 200) co_return RawReply{false, std::move(response->body)};

    ErrorAnswer error = parse_error(response->body);
    ErrorClass c = classify(response->status, error.type);
    if (c == ErrorClass::condition_failed) co_return RawReply{true, {}};
    if (!is_retryable(c) || attempt + 1 >= policy.max_attempts) {
      StoreError e = to_store_error(c, operation, response->status, error.type, error.message);
      if (is_retryable(c)) {
        throw StoreError(e.kind(), std::string(e.what()) + " (after " + std::to_string(attempt + 1) + " attempts)");
      }
      throw e;
    }
    auto waiting = backoff(attempt, error.type);
    co_await std::move(waiting);
  }
}

}  // namespace cruddur::store::dynamodb

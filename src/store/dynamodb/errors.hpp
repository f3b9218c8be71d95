#pragma once
// DynamoDB error answers -> what the engine does about them. An error answer is an HTTP status with a JSON
// body {"__type": "com.amazonaws.dynamodb.v20120810#Name", "message": "..."}; the part after '#' names it.
// Pure functions; no thread affinity.

#include <string>
#include <string_view>

#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {

enum class ErrorClass {
  condition_failed,  // ConditionalCheckFailedException: a typed result, not an error
  not_found,         // ResourceNotFoundException
  in_use,            // ResourceInUseException
  validation,        // ValidationException, SerializationException: the request is wrong
  throttled,         // Throttling / ProvisionedThroughputExceeded / RequestLimitExceeded: retry with backoff
  unavailable,       // InternalServerError / ServiceUnavailable / any 5xx: retry, then give up
  other,             // anything else: surfaced as StoreError::internal with the type and message
};

// "com.amazonaws.dynamodb.v20120810#ValidationException" -> "ValidationException" (no '#': unchanged).
std::string_view error_name(std::string_view type);

ErrorClass classify(int http_status, std::string_view type);

bool is_retryable(ErrorClass c);

// The StoreError for a final (non-retried or retries exhausted) error answer of `operation`.
StoreError to_store_error(ErrorClass c, std::string_view operation, int http_status, std::string_view type,
                          std::string_view message);

}  // namespace cruddur::store::dynamodb

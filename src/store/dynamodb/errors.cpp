#include "store/dynamodb/errors.hpp"

namespace cruddur::store::dynamodb {

std::string_view error_name(std::string_view type) {
  auto hash = type.rfind('#');
  return hash == std::string_view::npos ? type : type.substr(hash + 1);
}

ErrorClass classify(int http_status, std::string_view type) {
  const std::string_view name = error_name(type);
  if (name == "ConditionalCheckFailedException") return ErrorClass::condition_failed;
  if (name == "ResourceNotFoundException") return ErrorClass::not_found;
  if (name == "ResourceInUseException") return ErrorClass::in_use;
  if (name == "ValidationException" || name == "SerializationException") return ErrorClass::validation;
  if (name == "ThrottlingException" || name == "ProvisionedThroughputExceededException" ||
      name == "RequestLimitExceeded") {
    return ErrorClass::throttled;
  }
  if (name == "InternalServerError" || name == "ServiceUnavailable" || name == "ServiceUnavailableException" ||
      http_status >= 500) {
    return ErrorClass::unavailable;
  }
  return ErrorClass::other;
}

bool is_retryable(ErrorClass c) { return c == ErrorClass::throttled || c == ErrorClass::unavailable; }

StoreError to_store_error(ErrorClass c, std::string_view operation, int http_status, std::string_view type,
                          std::string_view message) {
  std::string text = "DynamoDB " + std::string(operation) + ": " +
                     (type.empty() ? "HTTP " + std::to_string(http_status) : std::string(error_name(type))) +
                     (message.empty() ? "" : ": " + std::string(message));
  switch (c) {
    case ErrorClass::not_found: return StoreError::not_found(text);
    case ErrorClass::in_use: return StoreError::in_use(text);
    case ErrorClass::validation: return StoreError::invalid(text);
    case ErrorClass::throttled: return StoreError::throttled(text);
    case ErrorClass::unavailable: return StoreError::unavailable(text);
    case ErrorClass::condition_failed:
    case ErrorClass::other: break;
  }
  return StoreError::internal(text + " (HTTP " + std::to_string(http_status) + ")");
}

}  // namespace cruddur::store::dynamodb

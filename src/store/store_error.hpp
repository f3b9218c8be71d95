#pragma once
// The one exception type of the storage layer. Condition failures are not errors (see WriteStatus).
// The API edge maps: unavailable/throttled -> 503, everything else -> 500 (logged once).

#include <stdexcept>
#include <string>

namespace cruddur::store {

class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    resource_not_found,  // table or index does not exist
    resource_in_use,     // table already exists / is being changed
    validation,          // the request is malformed for this table (missing key, wrong type, bad index ...)
    throttled,           // the engine asked us to slow down and bounded retries did not help
    unavailable,         // the engine cannot be reached, timed out, or answered 5xx after retries
    internal,            // anything else
  };

  StoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

  static StoreError not_found(const std::string& m) { return {Kind::resource_not_found, m}; }
  static StoreError in_use(const std::string& m) { return {Kind::resource_in_use, m}; }
  static StoreError invalid(const std::string& m) { return {Kind::validation, m}; }
  static StoreError throttled(const std::string& m) { return {Kind::throttled, m}; }
  static StoreError unavailable(const std::string& m) { return {Kind::unavailable, m}; }
  static StoreError internal(const std::string& m) { return {Kind::internal, m}; }

 private:
  Kind kind_;
};

}  // namespace cruddur::store

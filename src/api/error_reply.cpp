#include "api/error_reply.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "core/error_codes.hpp"
#include "store/store_error.hpp"

namespace cruddur::api {

Response error_reply(const Error& error) {
  boost::json::array codes;
  codes.reserve(error.codes().size());
  for (const auto& code : error.codes()) {
    codes.emplace_back(code);
    // The API tests fail on this line in any server log (tests/support/secret_watch.hpp).
    if (!find_error_code(code)) spdlog::error("unregistered error code '{}': declare it in core/error_codes.cpp", code);
  }
  boost::json::object body;
  body["errors"] = std::move(codes);

  Response response;
  response.status = error.status();
  response.body = boost::json::serialize(body);
  if (error.retry_after().count() > 0)
    response.headers.emplace_back("Retry-After", std::to_string(error.retry_after().count()));
  return response;
}

Response reply_for_exception(std::exception_ptr error, const std::string& method, const std::string& path) {
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    return error_reply(e);
  } catch (const store::StoreError& e) {
    using Kind = store::StoreError::Kind;
    if (e.kind() == Kind::unavailable || e.kind() == Kind::throttled) {
      spdlog::warn("{} {}: storage unavailable: {}", method, path, e.what());
      return error_reply(Error::unavailable());
    }
    spdlog::error("{} {}: storage error: {}", method, path, e.what());
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unexpected exception: {}", method, path, e.what());
  } catch (...) {
    spdlog::error("{} {}: unexpected exception of unknown type", method, path);
  }
  return error_reply(Error(500, {"internal_error"}));
}

}  // namespace cruddur::api

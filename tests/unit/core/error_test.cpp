#include "core/error.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cruddur {
namespace {

using Codes = std::vector<std::string>;

void expect_error(const Error& error, int status, const Codes& codes) {
  EXPECT_EQ(error.status(), status);
  EXPECT_EQ(error.codes(), codes);
}

TEST(ErrorFactories, GiveTheirStatusAndCode) {
  expect_error(Error::bad_request("malformed_json"), 400, {"malformed_json"});
  expect_error(Error::unauthorized(), 401, {"unauthorized"});
  expect_error(Error::forbidden("not_yours"), 403, {"not_yours"});
  expect_error(Error::not_found(), 404, {"not_found"});
  expect_error(Error::not_found("message_group_not_found"), 404, {"message_group_not_found"});
  expect_error(Error::method_not_allowed(), 405, {"method_not_allowed"});
  expect_error(Error::conflict("client_message_id_conflict"), 409, {"client_message_id_conflict"});
  expect_error(Error::payload_too_large(), 413, {"payload_too_large"});
  expect_error(Error::too_many_requests(), 429, {"too_many_requests"});
  expect_error(Error::headers_too_large(), 431, {"headers_too_large"});
  expect_error(Error::unavailable(), 503, {"service_unavailable"});
  expect_error(Error::unavailable("users_unavailable"), 503, {"users_unavailable"});
}

TEST(ErrorFactories, ValidationKeepsEveryCodeInOrder) {
  expect_error(Error::validation({"message_blank", "handle_blank"}), 422, {"message_blank", "handle_blank"});
}

TEST(Error, DescribesItselfWithStatusAndCodes) {
  EXPECT_STREQ(Error::validation({"a", "b"}).what(), "422 a b");
  EXPECT_STREQ(Error::unauthorized().what(), "401 unauthorized");
}

}  // namespace
}  // namespace cruddur

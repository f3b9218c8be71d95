// The one place an Error becomes an HTTP reply: its status and {"errors": [codes...]}.

#include "api/error_reply.hpp"

#include <gtest/gtest.h>

namespace cruddur::api {
namespace {

void expect_reply(const Error& error, int status, const std::string& body) {
  Response response = error_reply(error);
  EXPECT_EQ(response.status, status);
  EXPECT_EQ(response.body, body);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_TRUE(response.headers.empty());
}

TEST(ErrorReply, RendersStatusAndCodes) {
  expect_reply(Error::bad_request("malformed_json"), 400, R"({"errors":["malformed_json"]})");
  expect_reply(Error::unauthorized(), 401, R"({"errors":["unauthorized"]})");
  expect_reply(Error::not_found("message_group_not_found"), 404, R"({"errors":["message_group_not_found"]})");
  expect_reply(Error::method_not_allowed(), 405, R"({"errors":["method_not_allowed"]})");
  expect_reply(Error::conflict("client_message_id_conflict"), 409, R"({"errors":["client_message_id_conflict"]})");
  expect_reply(Error::payload_too_large(), 413, R"({"errors":["payload_too_large"]})");
  expect_reply(Error::too_many_requests(), 429, R"({"errors":["too_many_requests"]})");
  expect_reply(Error::headers_too_large(), 431, R"({"errors":["headers_too_large"]})");
  expect_reply(Error::unavailable(), 503, R"({"errors":["service_unavailable"]})");
}

TEST(ErrorReply, ListsEveryValidationCodeInOrder) {
  expect_reply(Error::validation({"message_blank", "client_message_id_invalid"}), 422,
               R"({"errors":["message_blank","client_message_id_invalid"]})");
}

TEST(ErrorReply, EscapesCodesAsJsonStrings) {
  expect_reply(Error(500, {"internal_error", "quote\"and\\slash"}), 500,
               R"({"errors":["internal_error","quote\"and\\slash"]})");
}

}  // namespace
}  // namespace cruddur::api

// Request bodies: a JSON object with optional string fields; anything else is a 400 with a clear code.

#include "api/json_body.hpp"

#include <gtest/gtest.h>

#include "support/expect_error.hpp"

namespace cruddur::api {
namespace {

std::string nested_arrays(int depth) {  // an object holding `depth - 1` nested arrays: `depth` levels in all
  return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
}

TEST(ParseObject, ReadsAnObjectsStringFields) {
  auto body = parse_object(R"({"message": "hi \u00e9 \ud83d\ude00", "handle": "bob", "extra": 1})");
  EXPECT_EQ(optional_string(body, "message"), "hi \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(optional_string(body, "handle"), "bob");
}

TEST(ParseObject, RefusesMalformedJson) {
  for (const char* text : {"", " ", "{", "{\"a\":}", "{\"a\" 1}", "not json", "{} {}", "{}x", "{'a':'b'}",
                           "{\"a\":\"b\",}", "{\"a\":\"unterminated}"}) {
    SCOPED_TRACE(text);
    EXPECT_CRUDDUR_ERROR(parse_object(text), 400, {"malformed_json"});
  }
}

TEST(ParseObject, RefusesInvalidUtf8InsideStrings) {
  EXPECT_CRUDDUR_ERROR(parse_object("{\"message\":\"\xFF\"}"), 400, {"malformed_json"});
  EXPECT_CRUDDUR_ERROR(parse_object("{\"message\":\"\xED\xA0\x80\"}"), 400, {"malformed_json"});  // surrogate
  EXPECT_CRUDDUR_ERROR(parse_object("{\"message\":\"\xC0\xAF\"}"), 400, {"malformed_json"});      // overlong
  EXPECT_CRUDDUR_ERROR(parse_object("{\"message\":\"\xE2\x82\"}"), 400, {"malformed_json"});      // truncated
  EXPECT_CRUDDUR_ERROR(parse_object("{\"\xFF\":\"x\"}"), 400, {"malformed_json"});                // in a key
}

TEST(ParseObject, RefusesEscapedLoneSurrogates) {
  EXPECT_CRUDDUR_ERROR(parse_object(R"({"message":"\ud800"})"), 400, {"malformed_json"});
  EXPECT_CRUDDUR_ERROR(parse_object(R"({"message":"\udc00x"})"), 400, {"malformed_json"});
}

TEST(ParseObject, RefusesAnyOtherJsonValue) {
  for (const char* text : {"[]", "[{}]", "\"text\"", "42", "true", "null"}) {
    SCOPED_TRACE(text);
    EXPECT_CRUDDUR_ERROR(parse_object(text), 400, {"body_must_be_object"});
  }
}

TEST(ParseObject, LimitsNestingDepth) {
  EXPECT_NO_THROW(parse_object(nested_arrays(16)));
  EXPECT_CRUDDUR_ERROR(parse_object(nested_arrays(17)), 400, {"malformed_json"});
  EXPECT_CRUDDUR_ERROR(parse_object(nested_arrays(100'000)), 400, {"malformed_json"});
}

TEST(OptionalString, TreatsAbsentAndNullAlike) {
  auto body = parse_object(R"({"handle": null})");
  EXPECT_EQ(optional_string(body, "handle"), std::nullopt);
  EXPECT_EQ(optional_string(body, "message"), std::nullopt);
  EXPECT_EQ(string_or_blank(body, "handle"), "");
  EXPECT_EQ(string_or_blank(body, "message"), "");
}

TEST(OptionalString, KeepsAnEmptyStringApartFromAbsent) {
  auto body = parse_object(R"({"handle": ""})");
  EXPECT_EQ(optional_string(body, "handle"), std::string());
}

TEST(OptionalString, RefusesOtherTypesNamingTheField) {
  for (const char* value : {"1", "1.5", "true", "false", "[]", "[\"x\"]", "{}", "{\"x\":\"y\"}"}) {
    auto body = parse_object(std::string("{\"message\": ") + value + ", \"handle\": " + value + "}");
    SCOPED_TRACE(value);
    EXPECT_CRUDDUR_ERROR(optional_string(body, "message"), 400, {"message_must_be_string"});
    EXPECT_CRUDDUR_ERROR(string_or_blank(body, "handle"), 400, {"handle_must_be_string"});
  }
}

TEST(OptionalString, KeepsEmbeddedNulAndEscapes) {
  auto body = parse_object(R"({"message": "a\u0000b\n\"c\""})");
  EXPECT_EQ(optional_string(body, "message"), std::string("a\0b\n\"c\"", 7));
}

}  // namespace
}  // namespace cruddur::api

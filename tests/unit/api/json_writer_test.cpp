// JsonWriter must write exactly what Boost.JSON's serializer writes for the same value: clients parse it,
// and the tests of every route compare shapes.

#include "api/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <limits>
#include <string>
#include <vector>

namespace cruddur::api {
namespace {

TEST(JsonWriter, EscapesStringsExactlyAsBoostJsonDoes) {
  const std::string tricky[] = {
      "",
      "plain",
      "quote \" backslash \\ slash /",
      std::string("control \x01\x1f tab\t newline\n return\r nul ") + '\0' + " end",
      "delete \x7f",
      "utf-8 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
      "not utf-8 \xff\xfe \xC3",  // passed through as Boost.JSON does (the API validates text on input)
      std::string(2000, 'x') + "\"",  // longer than the writer's chunk buffer, escape at the end
  };
  // Every byte value at every position of a 16-byte block and of the tail after it.
  std::vector<std::string> every_byte;
  for (int c = 0; c < 256; ++c)
    for (std::size_t at : {0u, 7u, 15u, 16u, 20u}) {
      std::string text(21, 'a');
      text[at] = static_cast<char>(c);
      every_byte.push_back(text);
    }
  for (const auto& text : tricky) {
    JsonWriter out;
    out.string(text);
    EXPECT_EQ(out.take(), boost::json::serialize(boost::json::value(text))) << text;
  }
  for (const auto& text : every_byte) {
    JsonWriter out;
    out.string(text);
    ASSERT_EQ(out.take(), boost::json::serialize(boost::json::value(text))) << text;
  }
}

TEST(JsonWriter, NestsObjectsAndArraysWithCommasOnlyBetweenElements) {
  JsonWriter out;
  out.begin_array();
  out.begin_object();
  out.member("a", "1");
  out.key("n");
  out.number(-42);
  out.key("inner");
  out.begin_array();
  out.string("x");
  out.begin_object();
  out.end_object();
  out.end_array();
  out.key("empty");
  out.begin_array();
  out.end_array();
  out.end_object();
  out.begin_object();
  out.member("b", "2");
  out.end_object();
  out.end_array();
  std::string text = out.take();
  EXPECT_EQ(text, R"([{"a":"1","n":-42,"inner":["x",{}],"empty":[]},{"b":"2"}])");
  EXPECT_EQ(boost::json::serialize(boost::json::parse(text)), text);
}

TEST(JsonWriter, WritesTheExtremesOfSixtyFourBitNumbers) {
  JsonWriter out;
  out.begin_array();
  out.number(std::numeric_limits<std::int64_t>::min());
  out.number(0);
  out.number(std::numeric_limits<std::int64_t>::max());
  out.end_array();
  EXPECT_EQ(out.take(), "[-9223372036854775808,0,9223372036854775807]");
}

TEST(JsonWriter, AnEmptyArrayIsTwoBrackets) {
  JsonWriter out;
  out.begin_array();
  out.end_array();
  EXPECT_EQ(out.take(), "[]");
}

}  // namespace
}  // namespace cruddur::api

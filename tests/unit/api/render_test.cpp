// The JSON shapes of the API, as exact text: clients (the React app, scripts) parse these.

#include "api/render.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace cruddur::api {
namespace {

messaging::Message a_message() {
  return {"886313e1-3b8a-5372-9b90-0c9aee199e5d", "2513b6ef-edd2-5323-9c45-1059a591440d",
          "11111111-1111-4111-8111-111111111111", "andrewbrown", "Andrew Brown",
          "Hello \"world\"\nnew line \xC3\xA9", "2026-11-26T12:00:00.123456+00:00"};
}

messaging::ConversationSummary a_summary() {
  return {"2513b6ef-edd2-5323-9c45-1059a591440d", "22222222-2222-4222-8222-222222222222", "bayko",
          "Andrew Bayko", "See you \xF0\x9F\x98\x80", "2026-11-26T12:00:01.000000+00:00"};
}

TEST(Render, AMessage) {
  EXPECT_EQ(json_text(a_message(), render_message),
            R"({"uuid":"886313e1-3b8a-5372-9b90-0c9aee199e5d","display_name":"Andrew Brown","handle":"andrewbrown",)"
            R"("message":"Hello \"world\"\nnew line )" "\xC3\xA9" R"(","created_at":"2026-11-26T12:00:00.123456+00:00"})");
}

TEST(Render, ASentMessageAlsoNamesItsConversation) {
  EXPECT_EQ(json_text(a_message(), render_sent_message),
            R"({"uuid":"886313e1-3b8a-5372-9b90-0c9aee199e5d","display_name":"Andrew Brown","handle":"andrewbrown",)"
            R"("message":"Hello \"world\"\nnew line )" "\xC3\xA9" R"(","created_at":"2026-11-26T12:00:00.123456+00:00",)"
            R"("message_group_uuid":"2513b6ef-edd2-5323-9c45-1059a591440d"})");
}

TEST(Render, AConversationSummaryShowsTheOtherPersonAndTheLatestMessage) {
  EXPECT_EQ(json_text(a_summary(), render_conversation),
            R"({"uuid":"2513b6ef-edd2-5323-9c45-1059a591440d","display_name":"Andrew Bayko","handle":"bayko",)"
            R"("message":"See you )" "\xF0\x9F\x98\x80" R"(","created_at":"2026-11-26T12:00:01.000000+00:00",)"
            R"("unread":0,"other_read_at":null})");
}

TEST(Render, AUser) {
  EXPECT_EQ(json_text(users::User{"11111111-1111-4111-8111-111111111111", "andrewbrown", "Andrew Brown"}, render_user),
            R"({"uuid":"11111111-1111-4111-8111-111111111111","handle":"andrewbrown","display_name":"Andrew Brown"})");
}

TEST(Render, AJsonReplyCarriesStatusAndContentType) {
  Response response = json_reply(a_message(), render_message, 201);
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, json_text(a_message(), render_message));
  EXPECT_TRUE(response.headers.empty());
  EXPECT_EQ(json_reply(boost::json::object{}).status, 200);
}

TEST(Render, APageIsAnArrayWithTheCursorInAHeader) {
  messaging::PageOf<messaging::ConversationSummary> page{{a_summary(), a_summary()}, "bTF8eHl6"};
  Response response = page_reply(page, render_conversation);
  std::string one = json_text(a_summary(), render_conversation);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "[" + one + "," + one + "]");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "X-Next-Cursor");
  EXPECT_EQ(response.headers[0].second, "bTF8eHl6");
}

TEST(Render, TheLastPageHasNoCursorHeader) {
  messaging::PageOf<messaging::Message> page{{}, std::nullopt};
  Response response = page_reply(page, render_message);
  EXPECT_EQ(response.body, "[]");
  EXPECT_TRUE(response.headers.empty());
}

}  // namespace
}  // namespace cruddur::api

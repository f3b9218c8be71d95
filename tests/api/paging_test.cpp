// Paging: limits, cursors, 250 messages, messages arriving while someone pages, conversation list pages.
#include <set>

#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using ::testing::ElementsAre;

struct Page {
  std::vector<std::string> texts;
  std::string next_cursor;  // "" on the last page
};

Page get_page(HttpClient& client, const Person& who, const std::string& path, int limit, const std::string& cursor) {
  std::string target = path + "?limit=" + std::to_string(limit);
  if (!cursor.empty()) target += "&cursor=" + cursor;
  Reply reply = client.get(target, who.auth());
  EXPECT_EQ(reply.status, 200) << target << " " << reply.body;
  Page page;
  auto json = reply.json();
  for (const auto& item : json.as_array()) page.texts.emplace_back(item.at("message").as_string());
  auto it = reply.headers.find("x-next-cursor");
  if (it != reply.headers.end()) page.next_cursor = it->second;
  return page;
}

TEST_F(ApiTest, TwoHundredFiftyMessagesPageBackwardsWithoutSkipsOrRepeats) {
  Person a = sign_up(client, "page_a");
  Person b = sign_up(client, "page_b");
  std::string group(send_to_handle(client, a, b.handle, "m000").json().at("message_group_uuid").as_string());
  for (int i = 1; i < 250; ++i) {
    char text[8];
    std::snprintf(text, sizeof text, "m%03d", i);
    ASSERT_EQ(reply_to(client, i % 2 ? b : a, group, text).status, 200);
  }

  // The default page is the newest 20, oldest first.
  Page first = get_page(client, a, "/api/messages/" + group, 20, "");
  ASSERT_EQ(first.texts.size(), 20u);
  EXPECT_EQ(first.texts.front(), "m230");
  EXPECT_EQ(first.texts.back(), "m249");

  std::vector<std::string> all;
  std::string cursor;
  int pages = 0;
  do {
    Page page = get_page(client, a, "/api/messages/" + group, 100, cursor);
    ++pages;
    all.insert(all.begin(), page.texts.begin(), page.texts.end());
    cursor = page.next_cursor;
    if (pages == 1) {
      // New messages arriving while paging land after every cursor: later pages are unaffected.
      ASSERT_EQ(reply_to(client, b, group, "late arrival").status, 200);
    }
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(all.size(), 250u);
  for (int i = 0; i < 250; ++i) {
    char text[8];
    std::snprintf(text, sizeof text, "m%03d", i);
    EXPECT_EQ(all[i], text);
  }
}

TEST_F(ApiTest, APageOfExactlyTheRemainingItemsHasNoCursor) {
  Person a = sign_up(client, "exact_a");
  Person b = sign_up(client, "exact_b");
  std::string group(send_to_handle(client, a, b.handle, "1").json().at("message_group_uuid").as_string());
  ASSERT_EQ(reply_to(client, b, group, "2").status, 200);
  Page page = get_page(client, a, "/api/messages/" + group, 2, "");
  EXPECT_THAT(page.texts, ElementsAre("1", "2"));
  EXPECT_EQ(page.next_cursor, "");
  Page one = get_page(client, a, "/api/messages/" + group, 1, "");
  EXPECT_THAT(one.texts, ElementsAre("2"));
  ASSERT_NE(one.next_cursor, "");
  Page rest = get_page(client, a, "/api/messages/" + group, 1, one.next_cursor);
  EXPECT_THAT(rest.texts, ElementsAre("1"));
  EXPECT_EQ(rest.next_cursor, "");
}

TEST_F(ApiTest, BadLimitsAndCursorsAre422s) {
  Person a = sign_up(client, "limits_a");
  Person b = sign_up(client, "limits_b");
  std::string group(send_to_handle(client, a, b.handle, "x").json().at("message_group_uuid").as_string());
  for (const std::string& path : std::vector<std::string>{"/api/messages/" + group, "/api/message_groups"}) {
    for (const std::string& limit : {"0", "101", "-1", "abc", "5x", ""}) {
      Reply reply = client.get(path + "?limit=" + limit, a.auth());
      EXPECT_EQ(reply.status, 422) << path << " limit=" << limit;
      EXPECT_THAT(error_codes(reply), ElementsAre("limit_invalid"));
    }
    for (const std::string& cursor : {"garbage", "bTF8", "YzF8eHx5"}) {
      Reply reply = client.get(path + "?cursor=" + cursor, a.auth());
      EXPECT_EQ(reply.status, 422) << path << " cursor=" << cursor;
      EXPECT_THAT(error_codes(reply), ElementsAre("cursor_invalid"));
    }
    EXPECT_EQ(client.get(path + "?limit=100", a.auth()).status, 200);
  }
}

TEST_F(ApiTest, TheConversationListPagesNewestFirst) {
  Person hub = sign_up(client, "listhub");
  std::vector<std::string> handles;
  for (int i = 0; i < 25; ++i) {
    Person other = sign_up(client, "friend" + std::to_string(i));
    ASSERT_EQ(send_to_handle(client, hub, other.handle, "hello " + std::to_string(i)).status, 200);
  }
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    Page page = get_page(client, hub, "/api/message_groups", 10, cursor);
    seen.insert(seen.end(), page.texts.begin(), page.texts.end());
    cursor = page.next_cursor;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 25u);
  for (int i = 0; i < 25; ++i) EXPECT_EQ(seen[i], "hello " + std::to_string(24 - i));
}

}  // namespace
}  // namespace cruddur::testing

// Pages of messages and of conversations: every item exactly once, in order, whatever the page size, with a
// cursor on every page but the last.

#include <gtest/gtest.h>

#include "messaging/cursor.hpp"
#include "messaging_fixture.hpp"
#include "support/run_task.hpp"

namespace cruddur::messaging::testing {
namespace {

class Paging : public MessagingTest {
 protected:
  // 11 messages m0..m10 between alice and bob, one microsecond apart.
  void send_eleven() {
    alice = add_user("alice");
    bob = add_user("bob");
    group = send_to_handle(alice, "bob", "m0").message_group_uuid;
    for (int i = 1; i < 11; ++i) {
      clock_.advance(1);
      reply(i % 2 ? bob : alice, group, "m" + std::to_string(i));
    }
  }
  static std::vector<std::string> names(int from, int to) {  // m<from>..m<to - 1>
    std::vector<std::string> out;
    for (int i = from; i < to; ++i) out.push_back("m" + std::to_string(i));
    return out;
  }
  users::User alice, bob;
  std::string group;
};

TEST_F(Paging, MessagePagesConcatenateToTheWholeConversation) {
  send_eleven();
  for (int limit : {1, 2, 3, 4, 5, 10, 11, 12, 100}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    const int pages_expected = (11 + limit - 1) / limit;
    std::optional<std::string> cursor;
    for (int page_number = 1; page_number <= pages_expected; ++page_number) {
      auto page = messages_page(bob, group, limit, cursor);
      const int newest = 11 - (page_number - 1) * limit;
      EXPECT_EQ(texts(page.items), names(std::max(0, newest - limit), newest));
      EXPECT_EQ(page.next_cursor.has_value(), page_number < pages_expected);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    EXPECT_FALSE(cursor);
  }
}

// Forwards (a whole conversation downloaded, GET /api/me/export): oldest page first, each page oldest first,
// every message once.
TEST_F(Paging, OldestFirstPagesConcatenateToTheWholeConversation) {
  send_eleven();
  for (int limit : {1, 2, 3, 4, 10, 11, 12, 100}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    std::vector<std::string> seen;
    std::optional<std::string> cursor;
    int pages = 0;
    do {
      PageRequest request{limit, cursor, true};
      auto page = cruddur::testing::run_task(service_.list_messages(bob, group, request));
      auto page_texts = texts(page.items);
      seen.insert(seen.end(), page_texts.begin(), page_texts.end());
      cursor = page.next_cursor;
      ++pages;
    } while (cursor && pages <= 20);
    EXPECT_EQ(seen, names(0, 11));
    EXPECT_EQ(pages, (11 + limit - 1) / limit);
  }
}

TEST_F(Paging, NewMessagesWhilePagingAreNeitherSkippedNorRepeated) {
  send_eleven();
  auto first = messages_page(alice, group, 4);
  EXPECT_EQ(texts(first.items), names(7, 11));
  clock_.advance(1);
  reply(bob, group, "new 1");
  clock_.advance(1);
  reply(alice, group, "new 2");
  auto second = messages_page(alice, group, 4, first.next_cursor);
  EXPECT_EQ(texts(second.items), names(3, 7));
  auto third = messages_page(alice, group, 4, second.next_cursor);
  EXPECT_EQ(texts(third.items), names(0, 3));
  EXPECT_FALSE(third.next_cursor);
}

TEST_F(Paging, ConversationPagesConcatenateToTheWholeListNewestFirst) {
  auto alice = add_user("alice");
  std::vector<std::string> expected;  // newest first
  for (int i = 0; i < 11; ++i) {
    std::string handle = "friend" + std::to_string(i);
    add_user(handle);
    clock_.advance(1);
    send_to_handle(alice, handle, "hi " + handle);
    expected.insert(expected.begin(), handle);
  }
  for (int limit : {1, 2, 3, 4, 5, 11, 12}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    const int pages_expected = (11 + limit - 1) / limit;
    std::vector<std::string> seen;
    std::optional<std::string> cursor;
    for (int page_number = 1; page_number <= pages_expected; ++page_number) {
      auto page = conversations_page(alice, limit, cursor);
      EXPECT_EQ(page.items.size(), std::size_t(std::min(limit, 11 - (page_number - 1) * limit)));
      for (const auto& c : page.items) seen.push_back(c.other_handle);
      EXPECT_EQ(page.next_cursor.has_value(), page_number < pages_expected);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    EXPECT_FALSE(cursor);
    EXPECT_EQ(seen, expected);
  }
}

TEST_F(Paging, ConversationsWithTheSameActivityTimeAreListedOnce) {
  auto alice = add_user("alice");
  std::vector<std::string> sent_to;
  for (int i = 0; i < 6; ++i) {  // the clock stands still: equal times, ordered by message uuid
    sent_to.push_back("friend" + std::to_string(i));
    add_user(sent_to.back());
    send_to_handle(alice, sent_to.back(), "hi");
  }
  auto whole = handles(all_conversations(alice));
  ASSERT_EQ(whole.size(), 6u);
  for (int limit = 1; limit <= 5; ++limit) EXPECT_EQ(handles(all_conversations(alice, limit)), whole) << limit;
}

TEST_F(Paging, ABadCursorIsRefused) {
  send_eleven();
  for (const std::string& bad : std::vector<std::string>{"garbage", "bTF8", cursor::encode_conversation({"x", "y"}), cursor::encode_message("x")}) {
    EXPECT_CRUDDUR_ERROR(messages_page(alice, group, 2, bad), 422, {"cursor_invalid"});
    EXPECT_CRUDDUR_ERROR(conversations_page(alice, 2, bad), 422, {"cursor_invalid"});
  }
  // A real cursor of the other kind.
  auto message_cursor = messages_page(alice, group, 2).next_cursor;
  ASSERT_TRUE(message_cursor);
  EXPECT_CRUDDUR_ERROR(conversations_page(alice, 2, message_cursor), 422, {"cursor_invalid"});
  auto newest = messages_page(alice, group, 1).items.at(0);
  auto conversation_cursor = cursor::encode_conversation({newest.created_at + "#" + newest.uuid, group});
  EXPECT_CRUDDUR_ERROR(messages_page(alice, group, 2, conversation_cursor), 422, {"cursor_invalid"});
}

TEST_F(Paging, AnEmptyListIsOnePageWithoutCursor) {
  auto alice = add_user("alice");
  auto page = conversations_page(alice, 20);
  EXPECT_TRUE(page.items.empty());
  EXPECT_FALSE(page.next_cursor);
}

}  // namespace
}  // namespace cruddur::messaging::testing

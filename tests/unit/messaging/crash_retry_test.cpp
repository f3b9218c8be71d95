// A send that crashes at any of its writes is finished by a retry with the same client_message_id: one copy
// of the message, both conversation rows previewing it, and the uuid/time the first attempt recorded.

#include <gtest/gtest.h>

#include "faulty_table.hpp"
#include "messaging/keys.hpp"
#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

using Fault = FaultyTable::Fault;

class CrashMidSend : public MessagingTest {
 protected:
  struct Pair {
    users::User sender;
    users::User recipient;
    std::optional<std::string> group;  // set when the conversation was opened before the crashing send
  };

  // A fresh pair of users; with `open`, a first message from the recipient opens their conversation.
  Pair fresh_pair(const std::string& tag, bool open) {
    Pair pair{add_user("s_" + tag), add_user("r_" + tag), std::nullopt};
    if (open) pair.group = send_to_handle(pair.recipient, pair.sender.handle, "hello").message_group_uuid;
    clock_.advance(1000);
    return pair;
  }

  SendRequest request_for(const Pair& pair, const std::string& text, const std::string& client_message_id) {
    SendRequest request;
    request.text = text;
    if (pair.group) request.message_group_uuid = pair.group;
    else request.handle = pair.recipient.handle;
    request.client_message_id = client_message_id;
    return request;
  }

  std::optional<store::Item> intent(const users::User& sender, const std::string& client_message_id) {
    store::GetRequest get{kTable, keys::send_intent_key(sender.uuid, client_message_id)};
    return run_task(table_.get(std::move(get)));
  }

  // How many writes a send of this shape makes when nothing fails.
  int writes_of_clean_send(bool open) {
    Pair pair = fresh_pair(open ? "probe_open" : "probe_new", open);
    FaultyTable counting(table_);
    MessagingService service(counting, kTable, users_, clock_, events_);
    send_with(service, pair.sender, request_for(pair, "probe", "probe-id"));
    return counting.writes();
  }

  void crash_at_every_write_then_retry(bool open, Fault fault) {
    const int writes = writes_of_clean_send(open);
    // To a handle: both conversation rows, the intent, the message and its id item, both rows' activity, the
    // sender's marker and its mirror. A reply to an open conversation skips the row puts.
    EXPECT_EQ(writes, open ? 7 : 9);
    for (int n = 1; n <= writes; ++n) {
      SCOPED_TRACE("failing write " + std::to_string(n) + (fault == Fault::lost_write ? " (lost write)" : " (lost reply)"));
      const std::string tag = std::string(fault == Fault::lost_write ? "w" : "r") + (open ? "o" : "n") + std::to_string(n);
      Pair pair = fresh_pair(tag, open);
      const std::string text = "message " + tag;
      const std::string id = "client-" + tag;

      FaultyTable faulty(table_);
      faulty.fail_write(n, fault);
      MessagingService crashing(faulty, kTable, users_, clock_, events_);
      EXPECT_THROW(send_with(crashing, pair.sender, request_for(pair, text, id)), store::StoreError);

      auto recorded = intent(pair.sender, id);
      clock_.advance(5 * kMicrosPerSecond);  // a retry later on: its own time must not be used
      Message sent = send_with(service_, pair.sender, request_for(pair, text, id));
      if (recorded) {
        EXPECT_EQ(sent.uuid, store::get_string(*recorded, "message_uuid"));
        EXPECT_EQ(sent.created_at, store::get_string(*recorded, "created_at"));
      }
      EXPECT_EQ(sent.text, text);

      std::vector<Message> listed = all_messages(pair.sender, sent.message_group_uuid);
      std::vector<std::string> expected = pair.group ? std::vector<std::string>{"hello", text}
                                                     : std::vector<std::string>{text};
      EXPECT_EQ(texts(listed), expected);
      ASSERT_FALSE(listed.empty());
      EXPECT_EQ(listed.back().uuid, sent.uuid);
      EXPECT_EQ(listed.back().created_at, sent.created_at);

      for (const users::User& member : {pair.sender, pair.recipient}) {
        auto conversations = all_conversations(member);
        ASSERT_EQ(conversations.size(), 1u) << member.handle;
        EXPECT_EQ(conversations[0].message_group_uuid, sent.message_group_uuid);
        EXPECT_EQ(conversations[0].last_message, text);
        EXPECT_EQ(conversations[0].last_message_at, sent.created_at);
      }
      // The sender has read everything (their own message is the newest); the recipient has one unread.
      auto senders = all_conversations(pair.sender), recipients = all_conversations(pair.recipient);
      EXPECT_EQ(senders[0].unread, 0);
      EXPECT_EQ(recipients[0].unread, 1);
      EXPECT_EQ(recipients[0].other_read_at, sent.created_at);
      EXPECT_EQ(senders[0].other_read_at, pair.group ? std::optional(listed.front().created_at) : std::nullopt);

      // Retrying once more changes nothing.
      Message again = send_with(service_, pair.sender, request_for(pair, text, id));
      EXPECT_EQ(again.uuid, sent.uuid);
      EXPECT_EQ(again.created_at, sent.created_at);
      EXPECT_EQ(all_messages(pair.recipient, sent.message_group_uuid).size(), expected.size());
    }
  }
};

TEST_F(CrashMidSend, FirstMessageToAHandleLostWriteAtAnyStep) { crash_at_every_write_then_retry(false, Fault::lost_write); }
TEST_F(CrashMidSend, FirstMessageToAHandleLostReplyAtAnyStep) { crash_at_every_write_then_retry(false, Fault::lost_reply); }
TEST_F(CrashMidSend, ReplyToAConversationLostWriteAtAnyStep) { crash_at_every_write_then_retry(true, Fault::lost_write); }
TEST_F(CrashMidSend, ReplyToAConversationLostReplyAtAnyStep) { crash_at_every_write_then_retry(true, Fault::lost_reply); }

}  // namespace
}  // namespace cruddur::messaging::testing

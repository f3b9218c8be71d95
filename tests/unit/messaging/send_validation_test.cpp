// Sends that break a rule are refused with every failing code, and write nothing.

#include <gtest/gtest.h>

#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

class SendValidation : public MessagingTest {
 protected:
  void SetUp() override {
    alice = add_user("alice");
    bob = add_user("bob");
    group = send_to_handle(alice, "bob", "first").message_group_uuid;
    clock_.advance(1);
  }
  void expect_nothing_written() {
    EXPECT_EQ(texts(all_messages(alice, group)), std::vector<std::string>{"first"});
    auto conversations = all_conversations(bob);
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].last_message, "first");
  }
  users::User alice, bob;
  std::string group;
};

TEST_F(SendValidation, BlankTextIsRefused) {
  EXPECT_CRUDDUR_ERROR(reply(alice, group, " \xE3\x80\x80\n"), 422, {"message_blank"});
  expect_nothing_written();
}

TEST_F(SendValidation, TooLongTextIsRefused) {
  std::string text;
  for (int i = 0; i < 1025; ++i) text += "\xF0\x9F\x98\x80";
  EXPECT_CRUDDUR_ERROR(reply(alice, group, text), 422, {"message_exceed_max_chars_1024"});
  expect_nothing_written();
}

TEST_F(SendValidation, EveryFailingRuleIsReported) {
  EXPECT_CRUDDUR_ERROR(reply(alice, group, "", "not valid!"), 422,
                       (std::vector<std::string>{"message_blank", "client_message_id_invalid"}));
  SendRequest both;
  both.text = "x";
  both.handle = "bob";
  both.message_group_uuid = group;
  EXPECT_CRUDDUR_ERROR(send_with(service_, alice, both), 422, {"message_group_uuid_and_handle_both_given"});
  SendRequest neither;
  neither.text = "x";
  EXPECT_CRUDDUR_ERROR(send_with(service_, alice, neither), 422, {"message_group_uuid_blank"});
  expect_nothing_written();
}

TEST_F(SendValidation, WritingToYourselfOrANobodyIsRefused) {
  EXPECT_CRUDDUR_ERROR(send_to_handle(alice, "Alice", "me"), 422, {"cannot_message_self"});
  EXPECT_CRUDDUR_ERROR(send_to_handle(alice, "", "me"), 422, {"handle_blank"});
  EXPECT_CRUDDUR_ERROR(send_to_handle(alice, "nobody", "hello"), 404, {"user_not_found"});
  EXPECT_EQ(all_conversations(alice).size(), 1u);
  expect_nothing_written();
}

}  // namespace
}  // namespace cruddur::messaging::testing

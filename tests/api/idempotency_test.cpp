// Retries with client_message_id, and two people racing to send the first message to each other.
#include <thread>

#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using ::testing::ElementsAre;

TEST_F(ApiTest, ARetryWithTheSameClientMessageIdReturnsTheSameMessageAndWritesNothing) {
  Person a = sign_up(client, "retry_a");
  Person b = sign_up(client, "retry_b");
  Reply first = send_to_handle(client, a, b.handle, "only once", "cmid-1");
  ASSERT_EQ(first.status, 200) << first.body;
  Reply again = send_to_handle(client, a, b.handle, "only once", "cmid-1");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json(), first.json());  // same uuid, same created_at
  std::string group(first.json().at("message_group_uuid").as_string());
  Reply as_reply = reply_to(client, a, group, "only once", "cmid-1");
  EXPECT_EQ(as_reply.json(), first.json());

  Reply page = client.get("/api/messages/" + group, a.auth());
  ASSERT_EQ(page.json().as_array().size(), 1u);

  Reply different = reply_to(client, a, group, "something else", "cmid-1");
  EXPECT_EQ(different.status, 409);
  EXPECT_THAT(error_codes(different), ElementsAre("client_message_id_conflict"));
  EXPECT_EQ(client.get("/api/messages/" + group, a.auth()).json().as_array().size(), 1u);

  // The id belongs to its sender: the other person may use the same one.
  Reply theirs = reply_to(client, b, group, "mine too", "cmid-1");
  EXPECT_EQ(theirs.status, 200);
  EXPECT_NE(theirs.json().at("uuid"), first.json().at("uuid"));
}

TEST_F(ApiTest, RacingFirstMessagesBetweenTwoPeopleMakeOneConversation) {
  for (int round = 0; round < 5; ++round) {
    Person a = sign_up(client, "race_a");
    Person b = sign_up(client, "race_b");
    Reply from_a, from_b;
    std::thread ta([&] {
      HttpClient own(shared_server().port());
      from_a = send_to_handle(own, a, b.handle, "hi from a");
    });
    std::thread tb([&] {
      HttpClient own(shared_server().port());
      from_b = send_to_handle(own, b, a.handle, "hi from b");
    });
    ta.join();
    tb.join();
    ASSERT_EQ(from_a.status, 200) << from_a.body;
    ASSERT_EQ(from_b.status, 200) << from_b.body;
    std::string group(from_a.json().at("message_group_uuid").as_string());
    EXPECT_EQ(from_b.json().at("message_group_uuid"), boost::json::value(group));
    for (const Person* p : {&a, &b}) {
      auto groups = client.get("/api/message_groups", p->auth()).json().as_array();
      ASSERT_EQ(groups.size(), 1u);
      EXPECT_EQ(groups[0].at("uuid"), boost::json::value(group));
      EXPECT_EQ(client.get("/api/messages/" + group, p->auth()).json().as_array().size(), 2u);
    }
  }
}

TEST_F(ApiTest, ConcurrentRetriesOfOneSendStoreOneMessage) {
  Person a = sign_up(client, "dup_a");
  Person b = sign_up(client, "dup_b");
  std::vector<Reply> replies(6);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < replies.size(); ++i)
    threads.emplace_back([&, i] {
      HttpClient own(shared_server().port());
      replies[i] = send_to_handle(own, a, b.handle, "double click", "click-1");
    });
  for (auto& t : threads) t.join();
  for (const auto& r : replies) {
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json(), replies[0].json());
  }
  std::string group(replies[0].json().at("message_group_uuid").as_string());
  EXPECT_EQ(client.get("/api/messages/" + group, b.auth()).json().as_array().size(), 1u);
}

}  // namespace
}  // namespace cruddur::testing

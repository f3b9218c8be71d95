// What the members of a conversation see on their streams about unread counts and reading: the recipient's
// row counts up with each message, a read tells the sender ("Seen") and clears the reader's badge in every
// tab, and nobody else hears of it.
#include "stream_fixture.hpp"

#include <functional>

namespace cruddur::testing {
namespace {

using boost::json::object;

// Reads frames until one of `type` satisfies `wanted` (frames of other kinds and earlier frames of this kind
// are passed over); throws when the stream goes quiet first (WebSocketClient::read_json's timeout).
object frame_where(WebSocketClient& ws, std::string_view type, const std::function<bool(const object&)>& wanted) {
  for (;;) {
    auto frame = ws.read_json().as_object();
    if (frame.at("type").as_string() == type && wanted(frame)) return frame;
    if (frame.at("type").as_string() == "resync") throw std::runtime_error("unexpected resync");
  }
}

int unread_of(const object& group_frame) {
  return static_cast<int>(group_frame.at("group").at("unread").as_int64());
}

TEST_F(StreamTest, TheRecipientsRowCountsUpAndAReadTellsTheSenderAndEveryTabOfTheReader) {
  Person ann = sign_up(client, "rd_ann");
  Person bob = sign_up(client, "rd_bob");
  auto ann_ws = open_stream(client, port(), ann);
  auto bob_tab1 = open_stream(client, port(), bob);
  auto bob_tab2 = open_stream(client, port(), bob);

  std::string group = open_conversation(client, ann, bob, "one");
  Reply second = reply_to(client, ann, group, "two");
  ASSERT_EQ(second.status, 200) << second.body;
  std::string second_at(second.json().at("created_at").as_string());

  // Bob's row in both of his tabs: 2 unread, from Ann. Ann's own row: nothing unread, nothing seen yet.
  for (auto* tab : {bob_tab1.get(), bob_tab2.get()}) {
    auto row = frame_where(*tab, "group.updated", [](const object& f) { return unread_of(f) == 2; });
    EXPECT_EQ(row.at("group").at("uuid").as_string(), group);
    EXPECT_EQ(row.at("group").at("handle").as_string(), ann.handle);
    EXPECT_EQ(row.at("group").at("message").as_string(), "two");
  }
  auto ann_row = frame_where(*ann_ws, "group.updated", [](const object& f) {
    return f.at("group").at("message").as_string() == "two";
  });
  EXPECT_EQ(unread_of(ann_row), 0);
  EXPECT_TRUE(ann_row.at("group").at("other_read_at").is_null());

  // Bob reads in one tab.
  Reply read = client.post("/api/message_groups/" + group + "/read", "", bob.auth());
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("unread").as_int64(), 0);

  // Ann is told Bob has seen up to "two".
  auto seen = frame_where(*ann_ws, "group.read", [](const object&) { return true; });
  EXPECT_EQ(seen.at("message_group_uuid").as_string(), group);
  EXPECT_EQ(seen.at("reader").as_string(), bob.handle);
  EXPECT_EQ(seen.at("read_at").as_string(), second_at);
  // Both of Bob's tabs hear of the read and see the badge clear.
  for (auto* tab : {bob_tab1.get(), bob_tab2.get()}) {
    auto own = frame_where(*tab, "group.read", [](const object&) { return true; });
    EXPECT_EQ(own.at("reader").as_string(), bob.handle);
    auto row = frame_where(*tab, "group.updated", [](const object& f) { return unread_of(f) == 0; });
    EXPECT_EQ(row.at("group").at("uuid").as_string(), group);
  }
}

TEST_F(StreamTest, AStrangerHearsNothingOfOtherPeoplesReads) {
  Person ann = sign_up(client, "rd_s_ann");
  Person bob = sign_up(client, "rd_s_bob");
  Person eve = sign_up(client, "rd_s_eve");
  Person dan = sign_up(client, "rd_s_dan");
  auto eve_ws = open_stream(client, port(), eve);
  std::string group = open_conversation(client, ann, bob, "private");
  ASSERT_EQ(client.post("/api/message_groups/" + group + "/read", "", bob.auth()).status, 200);
  // A message to Eve herself, after the read: the first thing her stream shows.
  open_conversation(client, dan, eve, "for eve");
  for (;;) {
    auto frame = eve_ws->read_json().as_object();
    std::string_view type = frame.at("type").as_string();
    ASSERT_NE(type, "group.read") << boost::json::serialize(frame);
    if (type == "group.updated") {
      EXPECT_EQ(frame.at("group").at("handle").as_string(), dan.handle) << boost::json::serialize(frame);
    }
    if (type == "message.created") {
      EXPECT_EQ(frame.at("message").at("message").as_string(), "for eve");
      break;
    }
  }
}

}  // namespace
}  // namespace cruddur::testing

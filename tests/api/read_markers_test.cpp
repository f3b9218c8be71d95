// Unread counts and read markers over HTTP: list rows carry `unread` and `other_read_at`,
// POST /api/message_groups/<uuid>/read moves my marker, GET /api/messages/counter adds up my unread.
#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using boost::json::value;

class ReadMarkersApi : public ApiTest {
 protected:
  // My list row of `group`.
  value row(const Person& me, const std::string& group) {
    Reply reply = client.get("/api/message_groups", me.auth());
    EXPECT_EQ(reply.status, 200) << reply.body;
    value rows = reply.json();
    for (const auto& r : rows.as_array())
      if (r.at("uuid") == value(group)) return r;
    ADD_FAILURE() << "no row for " << group << " in " << reply.body;
    return {};
  }
  Reply read(const Person& me, const std::string& group, const std::string& body = "") {
    return client.post("/api/message_groups/" + group + "/read", body, me.auth());
  }
  int counter(const Person& me) {
    Reply reply = client.get("/api/messages/counter", me.auth());
    EXPECT_EQ(reply.status, 200) << reply.body;
    return static_cast<int>(reply.json().at("count").as_int64());
  }
  // `from` sends `n` messages to `to`; returns them as the API answered.
  std::vector<value> send_n(const Person& from, const Person& to, int n) {
    std::vector<value> sent;
    for (int i = 0; i < n; ++i) {
      Reply reply = send_to_handle(client, from, to.handle, "message " + std::to_string(i));
      EXPECT_EQ(reply.status, 200) << reply.body;
      sent.push_back(reply.json());
    }
    return sent;
  }
  static std::string text(const value& v, const char* name) { return std::string(v.at(name).as_string()); }
};

TEST_F(ReadMarkersApi, ListRowsSayWhatIsUnreadAndWhatTheOtherHasSeen) {
  Person zathras = sign_up(client, "zathras");
  Person lennier = sign_up(client, "lennier");
  auto sent = send_n(zathras, lennier, 3);
  std::string group = text(sent[0], "message_group_uuid");

  value mine = row(zathras, group);
  EXPECT_EQ(mine.at("unread"), value(0));
  EXPECT_TRUE(mine.at("other_read_at").is_null());
  value theirs = row(lennier, group);
  EXPECT_EQ(theirs.at("unread"), value(3));
  EXPECT_EQ(theirs.at("other_read_at"), sent[2].at("created_at"));
  EXPECT_EQ(counter(lennier), 3);
  EXPECT_EQ(counter(zathras), 0);

  Reply partly = read(lennier, group, "{\"up_to\":\"" + text(sent[0], "uuid") + "\"}");
  ASSERT_EQ(partly.status, 200) << partly.body;
  EXPECT_EQ(partly.json(), (value{{"unread", 2}, {"read_at", sent[0].at("created_at")}}));
  EXPECT_EQ(row(zathras, group).at("other_read_at"), sent[0].at("created_at"));

  Reply all = read(lennier, group);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json(), (value{{"unread", 0}, {"read_at", sent[2].at("created_at")}}));
  EXPECT_EQ(row(lennier, group).at("unread"), value(0));
  EXPECT_EQ(counter(lennier), 0);
  EXPECT_EQ(row(zathras, group).at("other_read_at"), sent[2].at("created_at"));

  // Idempotent, and never backwards.
  EXPECT_EQ(read(lennier, group).json(), all.json());
  Reply back = read(lennier, group, "{\"up_to\":\"" + text(sent[0], "uuid") + "\"}");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json(), all.json());
}

TEST_F(ReadMarkersApi, ReplyingReadsWhatCameBefore) {
  Person vir = sign_up(client, "vir");
  Person londo = sign_up(client, "londo");
  auto sent = send_n(vir, londo, 2);
  std::string group = text(sent[0], "message_group_uuid");
  ASSERT_EQ(reply_to(client, londo, group, "Vir!").status, 200);
  EXPECT_EQ(row(londo, group).at("unread"), value(0));
  EXPECT_EQ(row(vir, group).at("unread"), value(1));
  EXPECT_EQ(counter(vir), 1);
}

TEST_F(ReadMarkersApi, StrangersAndOtherConversationsMessagesAreRefusedAndChangeNothing) {
  Person ivanova = sign_up(client, "ivanova");
  Person marcus = sign_up(client, "marcus");
  Person bester = sign_up(client, "bester");
  auto sent = send_n(ivanova, marcus, 2);
  std::string group = text(sent[0], "message_group_uuid");
  auto elsewhere = send_n(ivanova, bester, 1);

  Reply stranger = read(bester, group);
  EXPECT_EQ(stranger.status, 404);
  EXPECT_EQ(error_codes(stranger), std::vector<std::string>{"message_group_not_found"});
  EXPECT_EQ(read(marcus, "00000000-0000-4000-8000-000000000000").status, 404);
  EXPECT_EQ(read(marcus, "not-a-uuid").status, 404);

  Reply foreign = read(marcus, group, "{\"up_to\":\"" + text(elsewhere[0], "uuid") + "\"}");
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(error_codes(foreign), std::vector<std::string>{"up_to_invalid"});
  EXPECT_EQ(read(marcus, group, "{\"up_to\":\"bogus\"}").status, 422);
  EXPECT_EQ(read(marcus, group, "{\"up_to\":5}").status, 400);
  EXPECT_EQ(read(marcus, group, "[1]").status, 400);

  EXPECT_EQ(row(marcus, group).at("unread"), value(2));
  EXPECT_TRUE(row(ivanova, group).at("other_read_at").is_null());
  EXPECT_EQ(client.post("/api/message_groups/" + group + "/read", "").status, 401);
  EXPECT_EQ(client.get("/api/messages/counter").status, 401);
}

}  // namespace
}  // namespace cruddur::testing

// put_then: a put, and only when it succeeded, follow-up puts and updates under their own conditions.
// Messaging uses it for "record the send intent; when it is new, deliver the message".

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

using store::FollowUpWrite;
using store::PutRequest;
using store::UpdateRequest;

class PutThen : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    table = create_pk_sk_table();
  }

  Item key(const std::string& pk) { return {{"pk", S(pk)}, {"sk", S("s")}}; }
  Item item(const std::string& pk, const std::string& value) {
    Item i = key(pk);
    i["v"] = S(value);
    return i;
  }
  static Condition if_absent() { return {{Comparison::not_exists("pk")}}; }

  store::PutThenResult put_then(Item first, Condition first_condition, std::vector<FollowUpWrite> then) {
    PutRequest request{table, std::move(first), std::move(first_condition)};
    return run(engine().put_then(std::move(request), std::move(then)));
  }

  UpdateRequest update_of(const std::string& pk, const std::string& value, Condition condition = {}) {
    UpdateRequest update{table, key(pk)};
    update.set = {{"v", S(value)}};
    update.condition = std::move(condition);
    return update;
  }

  std::string table;
};

TEST_F(PutThen, WhenTheFirstPutSucceedsEveryFollowUpIsWritten) {
  std::vector<FollowUpWrite> then;
  then.emplace_back(PutRequest{table, item("b", "1"), if_absent()});
  then.emplace_back(update_of("c", "2"));
  auto result = put_then(item("a", "0"), if_absent(), std::move(then));
  EXPECT_EQ(result.first, WriteStatus::ok);
  EXPECT_EQ(result.then, (std::vector<WriteStatus>{WriteStatus::ok, WriteStatus::ok}));
  EXPECT_EQ(get(table, key("a")), item("a", "0"));
  EXPECT_EQ(get(table, key("b")), item("b", "1"));
  EXPECT_EQ(get(table, key("c")), item("c", "2"));  // an update of a missing item creates it
}

TEST_F(PutThen, WhenTheFirstPutFailsItsConditionNothingElseIsWritten) {
  ASSERT_EQ(put(table, item("a", "existing")), WriteStatus::ok);
  std::vector<FollowUpWrite> then;
  then.emplace_back(PutRequest{table, item("b", "1"), {}});
  then.emplace_back(update_of("c", "2"));
  auto result = put_then(item("a", "new"), if_absent(), std::move(then));
  EXPECT_EQ(result.first, WriteStatus::condition_failed);
  EXPECT_TRUE(result.then.empty());
  EXPECT_EQ(get(table, key("a")), item("a", "existing"));
  EXPECT_FALSE(get(table, key("b")));
  EXPECT_FALSE(get(table, key("c")));
}

TEST_F(PutThen, AFollowUpThatFailsItsConditionUndoesNothingElse) {
  ASSERT_EQ(put(table, item("b", "taken")), WriteStatus::ok);
  std::vector<FollowUpWrite> then;
  then.emplace_back(PutRequest{table, item("b", "mine"), if_absent()});             // fails
  then.emplace_back(update_of("c", "2", {{Comparison::exists("pk")}}));            // fails: no c
  then.emplace_back(update_of("d", "3"));                                           // ok
  auto result = put_then(item("a", "0"), if_absent(), std::move(then));
  EXPECT_EQ(result.first, WriteStatus::ok);
  EXPECT_EQ(result.then, (std::vector<WriteStatus>{WriteStatus::condition_failed, WriteStatus::condition_failed,
                                                   WriteStatus::ok}));
  EXPECT_EQ(get(table, key("a")), item("a", "0"));
  EXPECT_EQ(get(table, key("b")), item("b", "taken"));
  EXPECT_FALSE(get(table, key("c")));
  EXPECT_EQ(get(table, key("d")), item("d", "3"));
}

TEST_F(PutThen, FollowUpsSeeTheFirstPut) {
  std::vector<FollowUpWrite> then;
  then.emplace_back(update_of("a", "updated", {{Comparison::compare("v", Op::eq, S("0"))}}));
  auto result = put_then(item("a", "0"), if_absent(), std::move(then));
  EXPECT_EQ(result.then, std::vector<WriteStatus>{WriteStatus::ok});
  EXPECT_EQ(get(table, key("a")), item("a", "updated"));
}

TEST_F(PutThen, NoFollowUpsIsAPlainPut) {
  auto result = put_then(item("a", "0"), if_absent(), {});
  EXPECT_EQ(result.first, WriteStatus::ok);
  EXPECT_TRUE(result.then.empty());
  EXPECT_EQ(get(table, key("a")), item("a", "0"));
}

}  // namespace
}  // namespace cruddur::conformance

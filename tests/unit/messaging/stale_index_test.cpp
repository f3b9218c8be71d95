// An index may hold an old entry of a conversation row next to its new one for a while (AWS DynamoDB's
// global secondary indexes are eventually consistent; dynalite killed mid-update keeps the old entry, as the
// dependency-fault test found). The list and the counter show each conversation once, as its newest entry.

#include <gtest/gtest.h>

#include "messaging/keys.hpp"
#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

// Forwards to a real engine; index queries also return an older copy of every row they find (with an old
// activity, preview and no read marker: a stale entry), after the real ones, as a backwards query would.
class StaleIndexTable final : public store::Table {
 public:
  explicit StaleIndexTable(store::Table& engine) : engine_(engine) {}
  store::Task<store::Page> query(store::QueryRequest request) override {
    const bool index = request.index.has_value();
    auto querying = engine_.query(std::move(request));
    store::Page page = co_await std::move(querying);
    if (!index) co_return page;
    const std::size_t real = page.items.size();
    for (std::size_t i = 0; i < real; ++i) {
      store::Item stale = page.items[i];
      stale["activity"] = store::AttributeValue::S("2000-01-01T00:00:00.000000+00:00#stale");
      stale["last_message"] = store::AttributeValue::S("stale preview");
      stale.erase("read_marker");
      page.items.push_back(std::move(stale));
    }
    co_return page;
  }
  store::Task<std::optional<store::Item>> get(store::GetRequest r) override { return engine_.get(std::move(r)); }
  store::Task<store::WriteStatus> put(store::PutRequest r) override { return engine_.put(std::move(r)); }
  store::Task<store::UpdateResult> update(store::UpdateRequest r) override { return engine_.update(std::move(r)); }
  store::Task<store::WriteStatus> remove(store::DeleteRequest r) override { return engine_.remove(std::move(r)); }
  store::Task<store::Page> scan(store::ScanRequest r) override { return engine_.scan(std::move(r)); }
  store::Task<void> batch_write(store::BatchWriteRequest r) override { return engine_.batch_write(std::move(r)); }
  store::Task<void> create_table(store::TableSchema s, store::Provisioning p) override {
    return engine_.create_table(std::move(s), p);
  }
  store::Task<void> delete_table(std::string name) override { return engine_.delete_table(std::move(name)); }
  store::Task<std::vector<std::string>> list_tables() override { return engine_.list_tables(); }
  store::Task<std::optional<store::TableSchema>> describe_table(std::string name) override {
    return engine_.describe_table(std::move(name));
  }

 private:
  store::Table& engine_;
};

using StaleIndex = MessagingTest;

TEST_F(StaleIndex, TheListAndTheCounterShowEachConversationOnceAsItsNewestEntry) {
  auto alice = add_user("alice");
  auto bob = add_user("bob");
  add_user("carol");
  send_to_handle(bob, "alice", "one");
  clock_.advance(1);
  send_to_handle(bob, "alice", "two");
  clock_.advance(1);
  send_to_handle(alice, "carol", "to carol");

  StaleIndexTable stale(table_);
  MessagingService service(stale, kTable, users_, clock_, events_);
  auto page = run_task(service.list_conversations(alice, PageRequest{20, {}}));
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].last_message, "to carol");
  EXPECT_EQ(page.items[1].last_message, "two");
  EXPECT_EQ(page.items[1].unread, 2);
  EXPECT_EQ(page.items[0].unread, 0);
  EXPECT_FALSE(page.next_cursor);
  EXPECT_EQ(run_task(service.unread_total(alice)), 2);
}

}  // namespace
}  // namespace cruddur::messaging::testing

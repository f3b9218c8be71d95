// `cruddur ddb ...`: the messages table on the configured engine. Output: one JSON document per line.
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdio>
#include <stdexcept>

#include "app/commands.hpp"
#include "app/demo_seed.hpp"
#include "app/load_seed.hpp"
#include "app/services.hpp"
#include "core/run_sync.hpp"
#include "messaging/keys.hpp"
#include "store/store_error.hpp"

namespace cruddur::app {

namespace {

void print_json(const boost::json::value& value) { std::printf("%s\n", boost::json::serialize(value).c_str()); }

boost::json::value item_json(const store::Item& item) {
  boost::json::object object;
  for (const auto& [name, value] : item) {
    if (value.is_number()) object[name] = boost::json::value{{"N", value.text}};
    else object[name] = value.text;
  }
  return object;
}

}  // namespace

int ddb_schema_load(const Config& config) {
  Services services(config);
  run_sync(services.schema_load());
  std::printf("table %s ready\n", config.table_name.c_str());
  return 0;
}

int ddb_drop(const Config& config) {
  Services services(config);
  try {
    run_sync(services.table().delete_table(config.table_name));
  } catch (const store::StoreError& e) {
    if (e.kind() != store::StoreError::Kind::resource_not_found) throw;
    throw std::runtime_error("table " + config.table_name + " does not exist");
  }
  std::printf("table %s dropped\n", config.table_name.c_str());
  return 0;
}

int ddb_list_tables(const Config& config) {
  Services services(config);
  for (const auto& name : run_sync(services.table().list_tables())) std::printf("%s\n", name.c_str());
  return 0;
}

int ddb_scan(const Config& config) {
  Services services(config);
  store::ScanRequest scan{config.table_name, 500, std::nullopt};
  for (;;) {
    auto page = run_sync(services.table().scan(scan));
    for (const auto& item : page.items) print_json(item_json(item));
    if (!page.last_evaluated_key) break;
    scan.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  return 0;
}

int ddb_seed(const Config& config) {
  Services services(config);
  run_sync(services.schema_load());
  auto report = run_sync(seed_demo(services.table(), config.table_name, services.users(), services.clock().now()));
  std::printf("seeded: %d users created, %d demo messages present\n", report.users_created, report.messages);
  return 0;
}

int ddb_seed_load(const Config& config, int users, int messages, int concurrency) {
  Services services(config);
  run_sync(services.schema_load());
  auto report = run_sync(seed_load(services.messaging(), services.users(), services.clock().now(), users, messages,
                                   concurrency));
  std::printf("seeded: %d users created, %d load messages present\n", report.users_created, report.messages);
  return 0;
}

int ddb_get_conversation(const Config& config, const std::string& group) {
  Services services(config);
  auto members = run_sync(services.messaging().conversation_members(group));
  if (members.empty()) throw std::runtime_error("no conversation " + group);
  for (const auto& uuid : members) {
    auto user = run_sync(services.users().find_by_uuid(uuid));
    print_json({{"member", uuid}, {"handle", user ? user->handle : ""}});
  }
  // Read as its first member: the domain checks membership like any other reader.
  auto member = run_sync(services.users().find_by_uuid(members.front()));
  if (!member) throw std::runtime_error("conversation " + group + " has a member who no longer exists");
  messaging::PageRequest page{messaging::kMaxPageSize, std::nullopt};
  std::vector<messaging::Message> messages;
  for (;;) {
    auto result = run_sync(services.messaging().list_messages(*member, group, page));
    messages.insert(messages.begin(), result.items.begin(), result.items.end());
    if (!result.next_cursor) break;
    page.cursor = result.next_cursor;
  }
  for (const auto& m : messages)
    print_json({{"uuid", m.uuid}, {"handle", m.sender_handle}, {"message", m.text}, {"created_at", m.created_at}});
  return 0;
}

int ddb_list_conversations(const Config& config, const std::string& handle) {
  Services services(config);
  auto user = run_sync(services.users().find_by_handle(handle));
  if (!user) throw std::runtime_error("no user @" + handle);
  messaging::PageRequest page{messaging::kMaxPageSize, std::nullopt};
  for (;;) {
    auto result = run_sync(services.messaging().list_conversations(*user, page));
    for (const auto& c : result.items)
      print_json({{"uuid", c.message_group_uuid}, {"handle", c.other_handle}, {"display_name", c.other_display_name},
                  {"message", c.last_message}, {"created_at", c.last_message_at}});
    if (!result.next_cursor) break;
    page.cursor = result.next_cursor;
  }
  return 0;
}

}  // namespace cruddur::app

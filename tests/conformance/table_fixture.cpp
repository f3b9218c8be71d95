#include "conformance/table_fixture.hpp"

#include <random>

#include "conformance/engine_factory.hpp"

namespace cruddur::conformance {
namespace {

std::string random_suffix() {
  static const char hex[] = "0123456789abcdef";
  std::random_device device;
  std::string suffix;
  for (int i = 0; i < 10; ++i) suffix.push_back(hex[device() % 16]);
  return suffix;
}

// Keeps a runaway paging loop from hanging the suite.
constexpr int max_pages = 10'000;

}  // namespace

std::vector<std::string> values_of(const std::vector<Item>& items, std::string_view attribute) {
  std::vector<std::string> values;
  for (const auto& item : items) {
    auto it = item.find(attribute);
    values.push_back(it == item.end() ? "<missing>" : it->second.text);
  }
  return values;
}

void TableTest::SetUp() { engine_ = make_engine_under_test(); }

void TableTest::TearDown() {
  for (const auto& name : created_) {
    try {
      run(engine_->delete_table(name));
    } catch (const StoreError& error) {
      // Deleted by the test itself.
      if (error.kind() != StoreError::Kind::resource_not_found) ADD_FAILURE() << error.what();
    }
  }
}

std::string TableTest::unused_table_name() {
  static int counter = 0;
  return "conformance_" + random_suffix() + "_unused" + std::to_string(++counter);
}

std::string TableTest::create_table(KeySchema key, std::vector<IndexSchema> indexes) {
  std::string name = "conformance_" + random_suffix() + "_" + std::to_string(created_.size());
  run(engine_->create_table(store::TableSchema{name, std::move(key), std::move(indexes)}, store::Provisioning{}));
  created_.push_back(name);
  return name;
}

std::string TableTest::create_pk_sk_table(std::vector<IndexSchema> indexes) {
  return create_table(KeySchema{"pk", "sk"}, std::move(indexes));
}

std::optional<Item> TableTest::get(const std::string& table, Item key) {
  return run(engine_->get(store::GetRequest{table, std::move(key)}));
}

WriteStatus TableTest::put(const std::string& table, Item item, Condition condition) {
  return run(engine_->put(store::PutRequest{table, std::move(item), std::move(condition)}));
}

store::UpdateResult TableTest::update(const std::string& table, Item key, Item set, std::vector<std::string> remove,
                                      Condition condition) {
  return run(engine_->update(
      store::UpdateRequest{table, std::move(key), std::move(set), std::move(remove), std::move(condition)}));
}

WriteStatus TableTest::remove(const std::string& table, Item key, Condition condition) {
  return run(engine_->remove(store::DeleteRequest{table, std::move(key), std::move(condition)}));
}

Page TableTest::query(QueryRequest request) { return run(engine_->query(std::move(request))); }

void TableTest::batch_write(const std::string& table, std::vector<Item> puts, std::vector<Item> deletes) {
  run(engine_->batch_write(store::BatchWriteRequest{table, std::move(puts), std::move(deletes)}));
}

std::vector<Item> TableTest::query_all(QueryRequest request, int page_size) {
  std::vector<Item> items;
  request.limit = page_size;
  request.exclusive_start_key.reset();
  for (int pages = 0; pages < max_pages; ++pages) {
    Page page = query(request);
    EXPECT_LE(page.items.size(), static_cast<std::size_t>(page_size));
    items.insert(items.end(), page.items.begin(), page.items.end());
    if (!page.last_evaluated_key) return items;
    request.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  ADD_FAILURE() << "query paging did not end after " << max_pages << " pages";
  return items;
}

std::vector<Item> TableTest::scan_all(const std::string& table, std::optional<int> page_size) {
  std::vector<Item> items;
  store::ScanRequest request{table, page_size, std::nullopt};
  for (int pages = 0; pages < max_pages; ++pages) {
    Page page = run(engine_->scan(request));
    if (page_size) {
      EXPECT_LE(page.items.size(), static_cast<std::size_t>(*page_size));
    }
    items.insert(items.end(), page.items.begin(), page.items.end());
    if (!page.last_evaluated_key) return items;
    request.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  ADD_FAILURE() << "scan paging did not end after " << max_pages << " pages";
  return items;
}

}  // namespace cruddur::conformance

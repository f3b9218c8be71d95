// DynamoTable::query_index: index queries with ties ordered by the table key (see index_order.hpp).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

#include "store/dynamodb/dynamo_client.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/dynamodb/index_order.hpp"
#include "store/dynamodb/item_answer.hpp"
#include "store/dynamodb/item_codec.hpp"
#include "store/request_validation.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {

namespace json = boost::json;

namespace {

StoreError tie_group_too_large(const std::string& index, const std::string& hash_value) {
  return StoreError::invalid("DynamoDB Query on index '" + index + "' (hash key '" + hash_value + "'): more than " +
                             std::to_string(kMaxTieGroupItems) +
                             " items share one index key, which this engine cannot order by table key (doc/keys.md)");
}

}  // namespace

Task<Page> DynamoTable::query_index(TableSchema schema, QueryRequest request) {
  const IndexSchema* index_schema = resolve_index(schema, request.index);
  const KeySchema index = index_schema->key;
  const IndexOrder order{index.range_key, schema.key.hash_key, schema.key.range_key};
  const bool forward = request.forward;
  // `a` comes before `b` in the direction of this query.
  auto before = [&](const Item& a, const Item& b) { return forward ? order.compare(a, b) < 0 : order.compare(a, b) > 0; };

  std::optional<std::string> cursor_range;
  if (request.exclusive_start_key && index.range_key) cursor_range = request.exclusive_start_key->at(*index.range_key).text;
  const RangePlan plan = plan_range(request.range, cursor_range, forward);
  if (plan.empty) co_return Page{};

  const std::size_t limit = request.limit ? static_cast<std::size_t>(*request.limit) : SIZE_MAX;
  std::vector<Item> out;    // in order, complete tie groups only
  std::vector<Item> group;  // the tie group being read
  auto flush = [&] {
    std::sort(group.begin(), group.end(), before);
    for (auto& item : group) {
      if (!request.exclusive_start_key || before(*request.exclusive_start_key, item)) out.push_back(std::move(item));
    }
    group.clear();
  };

  std::optional<json::object> native_start;  // DynamoDB's own cursor between our requests
  bool exhausted = false;  // nothing in range is left unread (else: a page is full and more follows)
  for (;;) {
    json::object body{{"TableName", request.table}, {"IndexName", *request.index}, {"ScanIndexForward", forward}};
    ExpressionBuilder expressions;
    body["KeyConditionExpression"] = key_condition(expressions, index.hash_key, request.hash_value, index.range_key, plan);
    expressions.attach(body);
    // Enough to fill the page past the cursor's group and to see where the page's last group ends. Without an
    // index range key the partition is one tie group, read whole but never past the bound: one item over it
    // is enough to refuse.
    // Inside a tie group that outgrew that, each request asks for as many again as the group holds (a few
    // requests for any group within the bound, not one per page size).
    const std::size_t to_bound = kMaxTieGroupItems + 1 - group.size();
    if (request.limit && index.range_key) {
      body["Limit"] = static_cast<std::int64_t>(std::min(std::max(limit - out.size() + 2, group.size()), to_bound));
    }
    if (!index.range_key) body["Limit"] = static_cast<std::int64_t>(to_bound);
    if (native_start) body["ExclusiveStartKey"] = *native_start;
    ItemAnswer answer = co_await items_on(request.table, "Query", std::move(body));

    bool page_full = false;
    bool past_range = false;
    for (Item& item : answer.items) {
      if (index.range_key) {
        auto range_value = item.find(*index.range_key);
        if (range_value == item.end())
          throw StoreError::internal("DynamoDB Query: an item of index '" + *request.index + "' lacks its range key");
        const std::string& value = range_value->second.text;
        if (beyond_range(request.range, value, forward)) {
          past_range = true;
          break;
        }
        if (!in_range(request.range, value)) continue;
      }
      if (!group.empty() && !order.same_group(group.back(), item)) {
        flush();
        if (out.size() >= limit) {  // `item` starts a later group: more follows
          page_full = true;
          break;
        }
      }
      if (group.size() >= kMaxTieGroupItems) throw tie_group_too_large(*request.index, request.hash_value);
      group.push_back(std::move(item));
    }
    if (page_full) break;
    if (past_range || !answer.last_evaluated_key) {
      exhausted = true;
      flush();
      break;
    }
    native_start = encode_item(*answer.last_evaluated_key);  // keys are strings: re-encoded exactly
  }

  Page page;
  if (out.size() > limit) {
    out.resize(limit);
    exhausted = false;
  }
  if (!exhausted && !out.empty()) page.last_evaluated_key = page_key(schema, index_schema, out.back());
  // Whole items were needed to order ties; the projection applies to what is returned.
  if (!request.projection.empty()) {
    for (auto& item : out) {
      for (auto it = item.begin(); it != item.end();) {
        it = projected(request.projection, it->first) ? std::next(it) : item.erase(it);
      }
    }
  }
  page.items = std::move(out);
  co_return page;
}

}  // namespace cruddur::store::dynamodb

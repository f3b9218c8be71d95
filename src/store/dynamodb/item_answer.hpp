#pragma once
// The answers that carry items (GetItem, UpdateItem, Query, Scan), decoded straight from the HTTP body into
// store::Items in one pass (a boost::json SAX handler): no JSON DOM is built and every attribute name and
// value is copied once, into the Item. What the engine reads of such an answer:
//   "Items": [item, ...]   "Item": item   "Attributes": item   "LastEvaluatedKey": item (empty: absent)
// and nothing else ("Count", "ConsumedCapacity" ... are skipped). An item is {"name": {"S"|"N": "text"}}.
// A body that is not a JSON object, an element of Items that is not an object, or a value that is not
// exactly one S or N string is StoreError::internal, as item_codec.hpp's decode_item says; a member of an
// unexpected JSON type where an item or Items is expected is ignored (as absent).
// Pure function; no thread affinity.

#include <optional>
#include <string_view>
#include <vector>

#include "store/item.hpp"

namespace cruddur::store::dynamodb {

struct ItemAnswer {
  std::vector<Item> items;               // "Items", in order
  std::optional<Item> item;              // "Item"
  std::optional<Item> attributes;        // "Attributes"
  std::optional<Item> last_evaluated_key;  // "LastEvaluatedKey" when present and not empty
};

// `operation` names the call in error messages. Throws StoreError::internal.
ItemAnswer decode_item_answer(std::string_view body, std::string_view operation);

}  // namespace cruddur::store::dynamodb

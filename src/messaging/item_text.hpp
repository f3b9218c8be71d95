#pragma once
// Reading the string attributes of the domain's items (doc/keys.md). Pure functions; no thread affinity.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "store/item.hpp"

namespace cruddur::messaging {

// The string value of `name`, or "" when absent.
inline std::string text_of(const store::Item& item, std::string_view name) {
  return store::get_string(item, name).value_or("");
}

// Moves the named string attributes out of `item` into the given strings, in one pass over the item (a
// page converts 21 items of about ten attributes each; a lookup per field cost more than the pass).
inline void take_texts(store::Item& item,
                       std::initializer_list<std::pair<std::string_view, std::string*>> wanted) {
  for (auto& [name, value] : item) {
    for (const auto& [want, into] : wanted) {
      if (name == want) {
        *into = std::move(value.text);
        break;
      }
    }
  }
}

}  // namespace cruddur::messaging

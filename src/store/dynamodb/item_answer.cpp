#include "store/dynamodb/item_answer.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {
namespace {

namespace json = boost::json;
using boost::system::error_code;

// The handler: a stack of what each open object or array is. Errors are kept as a message (thrown after
// the parser stops) and reported to the parser as a generic error.
class Handler {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  explicit Handler(std::string_view operation) : operation_(operation) {}

  ItemAnswer answer;
  std::string error;  // set when the answer is malformed (rather than not JSON)

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code& ec) {
    switch (expecting()) {
      case Kind::document: return push(Kind::top);
      case Kind::top_member:
        if (member_ == Member::items || !item_member_target()) return push(Kind::skip);
        return push(Kind::item);
      case Kind::items:
        answer.items.emplace_back();
        target_ = &answer.items.back();
        return push(Kind::item);
      case Kind::item: value_members_ = 0; return push(Kind::value);
      case Kind::value: return fail(ec, unsupported_type());
      default: return push(Kind::skip);
    }
  }
  bool on_object_end(std::size_t, error_code& ec) {
    const Kind closed = stack_.back();
    stack_.pop_back();
    if (closed == Kind::item) finish_item();
    if (closed == Kind::value) {
      if (value_members_ != 1) return fail(ec, malformed());
      attributes_.back().second.kind = type_ == Type::s ? AttributeValue::Kind::string : AttributeValue::Kind::number;
    }
    return true;
  }
  bool on_array_begin(error_code& ec) {
    switch (expecting()) {
      case Kind::document: return fail(ec, not_an_object());
      case Kind::top_member: return push(member_ == Member::items ? Kind::items : Kind::skip);
      case Kind::items: return fail(ec, item_not_an_object());
      case Kind::item: return fail(ec, malformed());
      case Kind::value: return fail(ec, unsupported_type());
      default: return push(Kind::skip);
    }
  }
  bool on_array_end(std::size_t, error_code&) {
    stack_.pop_back();
    return true;
  }

  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, error_code&) {
    std::string_view key = s;
    if (!key_.empty()) {
      key_.append(s.data(), s.size());
      key = key_;
    }
    switch (stack_.back()) {
      case Kind::top: member_ = member_of(key); break;
      case Kind::item: attributes_.emplace_back(std::string(key), AttributeValue{}); break;
      case Kind::value:
        ++value_members_;
        type_ = key == "S" ? Type::s : key == "N" ? Type::n : Type::other;
        if (type_ == Type::other) other_type_.assign(key);  // for the error message
        break;
      default: break;
    }
    key_.clear();
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t, error_code&) {
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, error_code& ec) {
    const Kind where = expecting();
    if (where == Kind::value) {
      if (type_ == Type::other) return fail(ec, unsupported_type());
      std::string& value = attributes_.back().second.text;  // written once, where the item keeps it
      if (text_.empty()) {
        value.assign(s.data(), s.size());
      } else {
        text_.append(s.data(), s.size());
        value = std::move(text_);
      }
      text_.clear();
      return true;
    }
    text_.clear();
    return scalar(ec, where);
  }

  bool on_number_part(json::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, error_code& ec) { return scalar(ec, expecting()); }
  bool on_uint64(std::uint64_t, json::string_view, error_code& ec) { return scalar(ec, expecting()); }
  bool on_double(double, json::string_view, error_code& ec) { return scalar(ec, expecting()); }
  bool on_bool(bool, error_code& ec) { return scalar(ec, expecting()); }
  bool on_null(error_code& ec) { return scalar(ec, expecting()); }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }

 private:
  // What an open value is: the document (nothing open yet), the answer object, the Items array, an item,
  // an attribute's {"S": ...} object, or something skipped.
  enum class Kind { document, top, top_member, items, item, value, skip };
  enum class Member { items, item, attributes, last_evaluated_key, other };

  static Member member_of(std::string_view key) {
    if (key == "Items") return Member::items;
    if (key == "Item") return Member::item;
    if (key == "Attributes") return Member::attributes;
    if (key == "LastEvaluatedKey") return Member::last_evaluated_key;
    return Member::other;
  }

  // What the next value is, given the innermost open container.
  Kind expecting() const {
    if (stack_.empty()) return Kind::document;
    return stack_.back() == Kind::top ? Kind::top_member : stack_.back();
  }

  bool push(Kind kind) {
    stack_.push_back(kind);
    return true;
  }

  // A member of the answer object that is an item: where to put it (nullptr: not an item member).
  Item* item_member_target() {
    switch (member_) {
      case Member::item: target_ = &answer.item.emplace(); break;
      case Member::attributes: target_ = &answer.attributes.emplace(); break;
      case Member::last_evaluated_key: target_ = &answer.last_evaluated_key.emplace(); break;
      default: target_ = nullptr; break;
    }
    return target_;
  }

  // Moves the attributes read (in the engine's order) into the item in name order, each moved once: sorting
  // the pairs themselves moved each several times. A name given twice keeps its first value.
  void finish_item() {
    order_.resize(attributes_.size());
    for (std::uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::sort(order_.begin(), order_.end(), [this](std::uint32_t a, std::uint32_t b) {
      const int c = attributes_[a].first.compare(attributes_[b].first);
      return c < 0 || (c == 0 && a < b);
    });
    Item::sequence_type sorted;
    sorted.reserve(order_.size());
    for (std::uint32_t i : order_) {
      if (!sorted.empty() && sorted.back().first == attributes_[i].first) continue;
      sorted.push_back(std::move(attributes_[i]));
    }
    attributes_.clear();  // keeps its capacity for the next item
    target_->adopt_sequence(boost::container::ordered_unique_range, std::move(sorted));
    if (answer.last_evaluated_key && target_ == &*answer.last_evaluated_key && target_->empty()) {
      answer.last_evaluated_key.reset();
    }
    target_ = nullptr;
  }

  bool scalar(error_code& ec, Kind where) {
    switch (where) {
      case Kind::document: return fail(ec, not_an_object());
      case Kind::items: return fail(ec, item_not_an_object());
      case Kind::item: return fail(ec, malformed());
      case Kind::value: return fail(ec, unsupported_type());
      default: return true;  // a member the engine does not read, or one of an unexpected type: ignored
    }
  }

  bool fail(error_code& ec, std::string message) {
    error = std::move(message);
    ec = json::error::syntax;  // stops the parser; `error` says why
    return false;
  }
  std::string not_an_object() const { return "DynamoDB " + std::string(operation_) + ": the answer is not a JSON object"; }
  std::string item_not_an_object() const {
    return "DynamoDB " + std::string(operation_) + ": an item in Items is not an object";
  }
  std::string attribute() const { return attributes_.empty() ? std::string() : attributes_.back().first; }
  std::string malformed() const {
    return "DynamoDB returned a malformed value for attribute '" + attribute() + "'";
  }
  std::string unsupported_type() const {
    const std::string type = type_ == Type::s ? "S" : type_ == Type::n ? "N" : other_type_;
    return "attribute '" + attribute() + "' has DynamoDB type " + type + "; only S and N are supported";
  }

  std::string_view operation_;
  std::vector<Kind> stack_;
  Member member_ = Member::other;
  Item* target_ = nullptr;        // the item being decoded
  Item::sequence_type attributes_;  // its attributes so far, unordered (the last: the one being read)
  std::vector<std::uint32_t> order_;  // finish_item's scratch: positions in attributes_, in name order
  enum class Type { s, n, other };
  Type type_ = Type::other;       // the current value's type key
  std::string other_type_;        // its name when neither S nor N
  int value_members_ = 0;
  std::string key_;   // a key arriving in parts
  std::string text_;  // a string arriving in parts
};

}  // namespace

ItemAnswer decode_item_answer(std::string_view body, std::string_view operation) {
  json::basic_parser<Handler> parser(json::parse_options{}, operation);
  error_code ec;
  const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
  Handler& handler = parser.handler();
  if (!handler.error.empty()) throw StoreError::internal(handler.error);
  // write_some stops after the first value: anything but whitespace after it makes the body not JSON.
  const bool trailing = body.find_first_not_of(" \t\r\n", used) != std::string_view::npos;
  if (ec || trailing) throw StoreError::internal("DynamoDB " + std::string(operation) + ": the answer is not a JSON object");
  return std::move(handler.answer);
}

}  // namespace cruddur::store::dynamodb

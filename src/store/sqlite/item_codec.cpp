#include "store/sqlite/item_codec.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "store/store_error.hpp"

namespace cruddur::store::sqlite {
namespace {

[[noreturn]] void corrupt(const char* what) {
  throw StoreError::internal(std::string("stored item is corrupt: ") + what);
}

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_bytes(std::string& out, std::string_view data) {
  put_varint(out, data.size());
  out.append(data);
}

}  // namespace

void ByteWriter::varint(std::uint64_t value) { put_varint(out_, value); }
void ByteWriter::bytes(std::string_view data) { put_bytes(out_, data); }

std::uint64_t ByteReader::long_varint() {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in_.empty()) corrupt("truncated varint");
    auto byte = static_cast<unsigned char>(in_.front());
    in_.remove_prefix(1);
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return value;
  }
  corrupt("varint too long");
}

std::string_view ByteReader::bytes() { return raw(varint()); }

std::string_view ByteReader::raw(std::uint64_t size) {
  if (size > in_.size()) corrupt("truncated bytes");
  std::string_view result = in_.substr(0, size);
  in_.remove_prefix(size);
  return result;
}

void encode_item(const Item& item, std::string& out) {
  out.clear();
  put_varint(out, item.size());
  for (const auto& [name, value] : item) {
    put_bytes(out, name);
    put_varint(out, (static_cast<std::uint64_t>(value.text.size()) << 1) | (value.is_number() ? 1 : 0));
    out.append(value.text);
  }
}

std::string encode_item(const Item& item) {
  std::string out;
  encode_item(item, out);
  return out;
}

Item decode_item(std::string_view data) {
  static const std::vector<std::string> everything;
  return decode_item(data, everything);
}

Item decode_item(std::string_view data, const std::vector<std::string>& projection) {
  ByteReader reader(data);
  std::uint64_t count = reader.varint();
  if (count > data.size()) corrupt("attribute count");  // each attribute takes at least two bytes
  // Built as the map's sorted sequence and adopted whole: no per-attribute ordering check or shuffling.
  Item::sequence_type attributes;
  attributes.reserve(projection.empty() ? count : std::min<std::uint64_t>(count, projection.size()));
  for (std::uint64_t i = 0; i < count; ++i) {
    std::string_view name = reader.bytes();
    std::uint64_t header = reader.varint();
    std::string_view value = reader.raw(header >> 1);
    if (!projected(projection, name)) continue;
    auto kind = (header & 1) ? AttributeValue::Kind::number : AttributeValue::Kind::string;
    // (Not piecewise: clang 14 has no parenthesised aggregate initialisation.)
    attributes.emplace_back(std::string(name), AttributeValue{kind, std::string(value)});
  }
  if (!reader.at_end()) corrupt("trailing bytes");
  Item item;
  item.adopt_sequence(boost::container::ordered_unique_range, std::move(attributes));
  return item;
}

}  // namespace cruddur::store::sqlite

#pragma once
// The compact binary encoding of an Item stored in the SQLite engine's `item` column, and the byte
// reader/writer it is built from (also used for table schemas in the catalog).
//
// Item layout:  varint(attribute count), then per attribute in name order:
//               varint(name length) name  varint(value length * 2 + kind) value
// where kind is 0 for a string and 1 for a number (its decimal text). Varints are LEB128 (7 bits per byte,
// low bits first). The format is stored on disk: change it only with a migration.
//
// Pure functions; no thread affinity.

#include <cstdint>
#include <string>
#include <string_view>

#include "store/item.hpp"

namespace cruddur::store::sqlite {

class ByteWriter {
 public:
  void varint(std::uint64_t value);
  void bytes(std::string_view data);  // varint(length) then the bytes
  std::string& buffer() { return out_; }

 private:
  std::string out_;
};

// Reads what ByteWriter wrote; throws StoreError::internal on truncated or malformed input.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : in_(data) {}
  std::uint64_t varint() {  // one-byte values (lengths under 128: nearly all of them) skip the loop
    if (!in_.empty() && static_cast<unsigned char>(in_.front()) < 0x80) {
      auto value = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      return value;
    }
    return long_varint();
  }
  std::string_view bytes();           // varint(length) then the bytes
  std::string_view raw(std::uint64_t size);  // the next `size` bytes
  bool at_end() const { return in_.empty(); }

 private:
  std::uint64_t long_varint();
  std::string_view in_;
};

std::string encode_item(const Item& item);
void encode_item(const Item& item, std::string& out);  // replaces out's contents, reusing its capacity
// Decoding trusts the stored name order (encode_item writes the Item's own order) and does not re-sort or
// re-check it; the lengths and counts are checked, so a corrupt blob throws rather than reads out of bounds.
Item decode_item(std::string_view data);
// Only the attributes `projection` lists (all of them when it is empty); the rest are skipped, not copied.
Item decode_item(std::string_view data, const std::vector<std::string>& projection);

}  // namespace cruddur::store::sqlite

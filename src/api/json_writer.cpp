#include "api/json_writer.hpp"

#include <charconv>

namespace cruddur::api {

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
  } else if (!first_) {
    out_.push_back(',');
  }
  first_ = false;
}

void JsonWriter::open(char bracket) {
  separate();
  out_.push_back(bracket);
  first_ = true;
}

void JsonWriter::close(char bracket) {
  out_.push_back(bracket);
  first_ = false;
}

namespace {

// True when `text` can be written between quotes as it is: no quote, backslash or control character.
// (Boost.JSON escapes nothing else: it leaves DEL and non-ASCII UTF-8 as they are.)
// No early exit, so that the compiler can check many bytes per instruction.
bool needs_no_escaping(std::string_view text) {
  bool special = false;
  for (unsigned char c : text) special |= (c < 0x20) | (c == '"') | (c == '\\');
  return !special;
}

}  // namespace

void JsonWriter::string(std::string_view value) {
  separate();
  if (needs_no_escaping(value)) {  // the common case: ids, handles, times, most text
    out_.push_back('"');
    out_.append(value);
    out_.push_back('"');
    return;
  }
  escaper_.reset(value);
  char buffer[512];
  while (!escaper_.done()) {
    auto chunk = escaper_.read(buffer, sizeof buffer);
    out_.append(chunk.data(), chunk.size());
  }
}

void JsonWriter::number(std::int64_t value) {
  separate();
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out_.append(digits, end);
}

void JsonWriter::key(std::string_view name) {
  string(name);
  out_.push_back(':');
  after_key_ = true;
}

}  // namespace cruddur::api

#include "api/json_writer.hpp"

#include <cassert>
#include <charconv>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
// (Boost.JSON escapes nothing else: it leaves DEL and non-ASCII UTF-8 as they are.) Pages are mostly text,
// so this looks at 16 bytes per step where SSE2 is available (every x86-64).
bool needs_no_escaping(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
#if defined(__SSE2__)
  const __m128i last_control = _mm_set1_epi8(0x1f);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; end - p >= 16; p += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Unsigned byte <= 0x1f exactly when min(byte, 0x1f) == byte.
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes);
    __m128i special = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
    if (_mm_movemask_epi8(special) != 0) return false;
  }
#endif
  for (; p != end; ++p) {
    auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == '"' || c == '\\') return false;
  }
  return true;
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

void JsonWriter::null() {
  separate();
  out_.append("null");
}

void JsonWriter::decimal(double value) {
  separate();
  if (!std::isfinite(value)) {
    out_.append("null");
    return;
  }
  char digits[32];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out_.append(digits, end);
}

void JsonWriter::key(std::string_view name) {
  assert(needs_no_escaping(name));
  separate();
  out_.push_back('"');
  out_.append(name);
  out_.append("\":", 2);
  after_key_ = true;
}

}  // namespace cruddur::api

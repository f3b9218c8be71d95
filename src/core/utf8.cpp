#include "core/utf8.hpp"

namespace cruddur::utf8 {

namespace {
// Decodes one code point at text[pos]; returns its length, or 0 when malformed.
std::size_t decode(std::string_view text, std::size_t pos, char32_t& cp) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char b0 = byte(pos);
  std::size_t len;
  char32_t min;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > text.size()) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}
// Unicode 15 Default_Ignorable_Code_Point (DerivedCoreProperties.txt), as ranges.
bool is_default_ignorable(char32_t c) {
  struct Range {
    char32_t first, last;
  };
  static constexpr Range kRanges[] = {
      {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
      {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
      {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
      {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
  };
  for (const auto& range : kRanges) {
    if (c < range.first) return false;  // sorted
    if (c <= range.last) return true;
  }
  return false;
}

// Calls `visit(cp)` for each code point of valid UTF-8 `text` until it returns true; true if one did.
template <typename Visit>
bool any_code_point(std::string_view text, Visit visit) {
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp;
    std::size_t len = decode(text, pos, cp);
    if (len == 0) return false;
    if (visit(cp)) return true;
    pos += len;
  }
  return false;
}
}  // namespace

bool is_blank(std::string_view text) {
  return !any_code_point(text, [](char32_t c) { return !is_space(c) && !is_default_ignorable(c); });
}

bool is_control(char32_t c) { return c <= 0x1F || (c >= 0x7F && c <= 0x9F); }

bool has_control(std::string_view text, std::string_view allowed) {
  return any_code_point(text, [allowed](char32_t c) {
    return is_control(c) && !(c < 0x80 && allowed.find(static_cast<char>(c)) != std::string_view::npos);
  });
}

std::optional<std::size_t> count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count) {
    char32_t cp;
    std::size_t len = decode(text, pos, cp);
    if (len == 0) return std::nullopt;
    pos += len;
  }
  return count;
}

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    char32_t cp;
    std::size_t len = decode(text, begin, cp);
    if (len == 0 || !is_space(cp)) break;
    begin += len;
  }
  std::size_t end = text.size();
  while (end > begin) {
    // step back to the start of the previous code point
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    char32_t cp;
    std::size_t len = decode(text, start, cp);
    if (len == 0 || start + len != end || !is_space(cp)) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string_view prefix(std::string_view text, std::size_t max_code_points) {
  std::size_t pos = 0;
  for (std::size_t n = 0; n < max_code_points && pos < text.size(); ++n) {
    char32_t cp;
    std::size_t len = decode(text, pos, cp);
    if (len == 0) break;
    pos += len;
  }
  return text.substr(0, pos);
}

}  // namespace cruddur::utf8

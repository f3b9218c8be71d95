#pragma once
// UTF-8 text rules used by validation at the edge. Pure functions, thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cruddur::utf8 {

// Number of code points if `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
std::optional<std::size_t> count_code_points(std::string_view text);
// `text` without leading/trailing white space (ASCII white space and the Unicode White_Space characters
// U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). Assumes valid UTF-8.
std::string_view trim(std::string_view text);
// The first `max_code_points` code points of valid UTF-8 `text` (a preview).
std::string_view prefix(std::string_view text, std::size_t max_code_points);

// True when valid UTF-8 `text` shows nothing: every code point is white space (as trim) or invisible
// (Unicode Default_Ignorable_Code_Point: zero-width space, joiners, word joiner, BOM, soft hyphen, bidi
// marks and isolates, variation selectors, Hangul fillers, tags, ...). The empty text is blank.
bool is_blank(std::string_view text);

// True for a control character (Unicode general category Cc: U+0000-U+001F, U+007F-U+009F).
bool is_control(char32_t c);

// True when valid UTF-8 `text` holds a control character other than those in `allowed` (e.g. "\n\t").
bool has_control(std::string_view text, std::string_view allowed = {});

}  // namespace cruddur::utf8

#pragma once
// Unpadded base64url (RFC 4648 §5), used for opaque cursors and tokens. Thread-safe, pure.

#include <optional>
#include <string>
#include <string_view>

namespace cruddur::base64url {

std::string encode(std::string_view bytes);
// nullopt for any character outside the alphabet, padding, or an impossible length.
std::optional<std::string> decode(std::string_view text);

}  // namespace cruddur::base64url

#pragma once
// UUIDs as lowercase canonical text (8-4-4-4-12). Thread-safe (libsodium's RNG, OpenSSL's SHA-1).

#include <string>
#include <string_view>

namespace cruddur::uuid {

// A random (version 4) UUID.
std::string random_v4();
// A name-based (version 5, SHA-1) UUID: the same namespace and name always give the same UUID.
std::string name_based_v5(std::string_view namespace_uuid, std::string_view name);
// True for canonical lowercase or uppercase text of any version.
bool is_valid(std::string_view text);

}  // namespace cruddur::uuid

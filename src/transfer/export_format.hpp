#pragma once
// The export directory's format (doc/export.md): data files of gzip'd JSON lines in DynamoDB's export item
// format, one `{"Item":{"pk":{"S":"..."},...}}` a line, and manifest.json naming each file with its line
// count, the SHA-256 of its bytes and the digest of its lines (sha256.hpp LineSetDigest).
//
// Pure functions and plain value types; no thread affinity. Malformed input throws std::runtime_error.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/item.hpp"
#include "users/user.hpp"

namespace cruddur::transfer {

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr const char* kItemsFile = "items.json.gz";   // every item of the messages table
inline constexpr const char* kUsersFile = "users.json.gz";   // every account of the user directory
inline constexpr int kFormatVersion = 1;

// What a data file holds.
inline constexpr const char* kItemsContent = "items";
inline constexpr const char* kUsersContent = "users";

struct ExportFile {
  std::string name;          // relative to the export directory
  std::string content;       // kItemsContent or kUsersContent
  std::uint64_t lines = 0;
  std::string sha256;        // of the file's bytes, hex
  std::string lines_sha256;  // LineSetDigest of its (uncompressed) lines, hex
};

struct Manifest {
  std::string exported_at;   // fixed-width UTC
  std::string table;         // the messages table it was exported from
  std::vector<ExportFile> files;

  const ExportFile& file(std::string_view content) const;  // throws when the manifest lacks it
};

std::string manifest_json(const Manifest& manifest);
Manifest parse_manifest(std::string_view json);
Manifest read_manifest(const std::string& directory);  // throws naming the file when missing or malformed

// One line, without '\n'. Attributes in byte order of their names, so a line is canonical: the same item
// always gives the same bytes.
std::string item_line(const store::Item& item);
store::Item parse_item_line(std::string_view line);

// An account as an item: uuid, handle, display_name, email, password_hash, cognito_user_id, created_at
// (string attributes; empty ones and a missing cognito_user_id are left out).
store::Item account_item(const users::Account& account);
users::Account item_account(const store::Item& item);

}  // namespace cruddur::transfer
